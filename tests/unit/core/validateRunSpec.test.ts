import { backgroundKey, runKeys, startingIterateKey, validateRunSpec } from '@seisless/core';
import { fwiSpec, lsrtmSpec } from '../../support/runSpecs';

describe('validateRunSpec', () => {
  it('applies defaults to a valid spec', () => {
    const spec = validateRunSpec(lsrtmSpec());
    expect(spec.compute).toMatchObject({ vcpus: 1, spaceOrder: 8, retries: 3 });
    expect(spec.reduction.failureTolerance).toBe(0);
    expect(spec.observed).toEqual({ synthetic: true, modelling: 'full' });
    expect(spec.data).toEqual({ migrate: 'reflections' });
  });

  it('names every bad field and what it expects', () => {
    const bad = { ...lsrtmSpec(), model: { preset: 'marmousi', shape: [4], spacing: [10, 10] }, seed: -1 };
    expect(() => validateRunSpec(bad, 'spec.json')).toThrow(/spec\.json is invalid: .*model.*seed/);
  });

  it('checks cross-field rules', () => {
    const tooBig = lsrtmSpec({
      algorithm: { kind: 'lsrtm', iterations: 1, batchSize: 7, step: { rule: 'exact' } },
    });
    expect(() => validateRunSpec(tooBig)).toThrow(
      /algorithm\.batchSize: 7; expected at most the number of shots \(6\)/,
    );
    const badBounds = fwiSpec({
      algorithm: {
        kind: 'fwi',
        iterations: 1,
        batchSize: 2,
        step: { rule: 'armijo', initial: 1 },
        bounds: { minKmS: 3, maxKmS: 2 },
      },
    });
    expect(() => validateRunSpec(badBounds)).toThrow(/algorithm\.bounds: minKmS must be below maxKmS/);
  });

  it('refuses unknown fields', () => {
    expect(() => validateRunSpec({ ...lsrtmSpec(), iterations: 3 })).toThrow(/iterations/);
  });
});

describe('storage keys', () => {
  it('lays out a run as DESIGN §5 says', () => {
    const keys = runKeys('demo');
    expect(keys.gradient(3, 17)).toBe('runs/demo/iterations/3/gradients/shot-17.npy');
    expect(keys.accumulator(3, 0)).toBe('runs/demo/iterations/3/accumulators/chunk-0.npy');
    expect(keys.model(2)).toBe('runs/demo/iterations/2/model.npy');
  });

  it('uses the background the model job writes, or the spec own object', () => {
    expect(backgroundKey(validateRunSpec(lsrtmSpec()), 'r')).toBe(runKeys('r').input('background'));
    const own = validateRunSpec(lsrtmSpec({ background: { key: 'models/smooth.npy' } }));
    expect(backgroundKey(own, 'r')).toBe('models/smooth.npy');
  });

  it('starts FWI from the background and LS-RTM from a zero image', () => {
    expect(startingIterateKey(validateRunSpec(fwiSpec()), 'demo', 1)).toBe('runs/demo/inputs/background.npy');
    const own = validateRunSpec(fwiSpec({ background: { key: 'm/v0.npy' } }));
    expect(startingIterateKey(own, 'demo', 1)).toBe('m/v0.npy');
    expect(startingIterateKey(validateRunSpec(lsrtmSpec()), 'demo', 1)).toBeUndefined();
    expect(startingIterateKey(validateRunSpec(lsrtmSpec()), 'demo', 4)).toBe(
      'runs/demo/iterations/3/model.npy',
    );
  });
});
