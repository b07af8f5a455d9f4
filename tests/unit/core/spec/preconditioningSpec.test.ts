import { ValidationError, validateRunSpec } from '@seisless/core';
import { lsrtmSpec } from '../../../support/runSpecs';

/** The issue lines validateRunSpec refuses `input` with. */
function refusal(input: unknown): readonly string[] {
  try {
    validateRunSpec(input, 'spec.json');
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('the spec was accepted');
}

describe('run spec: preconditioning and wavefield subsampling', () => {
  it('leaves both out of a spec that does not mention them', () => {
    const spec = validateRunSpec(lsrtmSpec());
    expect(spec.preconditioning).toBeUndefined();
    expect(spec.compute.wavefieldSubsampling).toBe(1);
  });

  it('fills the documented defaults of the parts a spec names', () => {
    const spec = validateRunSpec({
      ...lsrtmSpec(),
      preconditioning: {
        waterMute: { fromModel: { velocityBelowMS: 1600 } },
        depthScaling: {},
        illumination: {},
      },
    });
    expect(spec.preconditioning).toEqual({
      waterMute: { fromModel: { velocityBelowMS: 1600 } },
      depthScaling: { power: 1 },
      illumination: { epsilon: 0.01 },
    });
  });

  it.each([3, 'auto'] as const)('accepts the subsampling factor %s', (factor) => {
    const base = lsrtmSpec();
    const spec = validateRunSpec({ ...base, compute: { ...base.compute, wavefieldSubsampling: factor } });
    expect(spec.compute.wavefieldSubsampling).toBe(factor);
  });

  it.each<[string, unknown, string]>([
    [
      'a mute with both forms',
      { waterMute: { depthM: 100, fromModel: { velocityBelowMS: 1600 } } },
      'waterMute',
    ],
    ['a negative power', { depthScaling: { power: -1 } }, 'depthScaling.power'],
    ['a zero epsilon', { illumination: { epsilon: 0 } }, 'illumination.epsilon'],
    ['an unknown part', { gain: {} }, 'preconditioning'],
  ])('refuses %s with one line naming the field', (_, preconditioning, field) => {
    const issues = refusal({ ...lsrtmSpec(), preconditioning });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toContain(field);
  });

  it('refuses subsampling together with checkpointing', () => {
    const base = lsrtmSpec();
    const issues = refusal({
      ...base,
      compute: { ...base.compute, checkpointing: true, wavefieldSubsampling: 4 },
    });
    expect(issues).toEqual([
      'compute.wavefieldSubsampling: 4; expected 1 with checkpointing (Revolve recomputes the forward wavefield; nothing is stored to subsample)',
    ]);
  });

  it.each([0, 2.5, 'every'])('refuses the subsampling factor %s', (factor) => {
    const base = lsrtmSpec();
    const issues = refusal({ ...base, compute: { ...base.compute, wavefieldSubsampling: factor } });
    expect(issues).toEqual([expect.stringContaining('compute.wavefieldSubsampling: ')]);
  });
});
