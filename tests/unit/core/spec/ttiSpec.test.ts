import { type RunSpecInput, ValidationError, validateRunSpec } from '@seisless/core';
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

const keyModel = (anisotropy?: Record<string, unknown>, shape = [101, 51]) => ({
  key: 'models/vp.npy',
  shape,
  spacing: shape.map(() => 10),
  ...(anisotropy ? { anisotropy } : {}),
});
const tti = (model: unknown, extra: Partial<RunSpecInput> = {}) =>
  lsrtmSpec({ physics: 'tti', model, ...extra } as Partial<RunSpecInput>);

describe('physics and TTI parameters in the run spec', () => {
  it('defaults to acoustic physics', () => {
    expect(validateRunSpec(lsrtmSpec()).physics).toBe('acoustic');
  });

  it('accepts the TTI presets and TTI parameters as numbers or objects', () => {
    const preset = validateRunSpec(tti({ preset: 'layered-tti', shape: [101, 51], spacing: [10, 10] }));
    expect(preset.physics).toBe('tti');
    const objects = validateRunSpec(
      tti(keyModel({ epsilon: 'models/eps.npy', delta: 0.05, theta: 'models/theta.segy' })),
    );
    expect(objects.model).toMatchObject({ anisotropy: { delta: 0.05 } });
  });

  it('refuses TTI physics on an isotropic preset, naming the TTI presets', () => {
    expect(refusal(tti({ preset: 'layered', shape: [101, 51], spacing: [10, 10] }))).toEqual([
      "physics: 'tti' with the layered preset, which has no anisotropy; expected model.preset 'layered-tti' or 'overthrust', or model.key with model.anisotropy",
    ]);
  });

  it('refuses TTI physics on a model from the bucket without anisotropy', () => {
    expect(refusal(tti(keyModel()))).toEqual([
      "model.anisotropy: missing with physics 'tti'; expected { epsilon, delta, theta, phi? }, each a number or the key of a model-shaped object",
    ]);
  });

  it('refuses anisotropy with acoustic physics', () => {
    const spec = lsrtmSpec({
      model: keyModel({ epsilon: 0.1, delta: 0, theta: 0 }),
    } as Partial<RunSpecInput>);
    expect(refusal(spec)).toEqual([
      "model.anisotropy: given with physics 'acoustic'; expected physics: 'tti' (or no anisotropy)",
    ]);
  });

  it('refuses ε below δ, out-of-range numbers and φ in 2D, naming each parameter', () => {
    const issues = refusal(tti(keyModel({ epsilon: 0.05, delta: 0.1, theta: 120, phi: 10 })));
    expect(issues).toEqual([
      'model.anisotropy.phi: given for a 2D model; expected no phi (the azimuth is 3D only)',
      'model.anisotropy.theta: 120; expected degrees values between -90 and 90 (θ is the tilt from vertical, within ±90°)',
      'model.anisotropy.epsilon: 0.05 is below delta 0.1; expected epsilon ≥ delta (pseudo-acoustic TTI is unstable where ε < δ)',
    ]);
    expect(refusal(tti(keyModel({ epsilon: 20, delta: 0, theta: 0 })))).toEqual([
      'model.anisotropy.epsilon: 20; expected dimensionless (not %) values between -0.25 and 1 (a percentage? divide by 100)',
    ]);
    expect(refusal(tti(keyModel({ epsilon: 0.2, delta: 0, theta: 0, phi: 270 }, [41, 41, 41])))).toContain(
      'model.anisotropy.phi: 270; expected degrees values between -180 and 180',
    );
  });

  it('refuses the overthrust preset in 2D', () => {
    expect(refusal(tti({ preset: 'overthrust', shape: [101, 51], spacing: [10, 10] }))).toEqual([
      'model.shape: [101,51] with the overthrust preset; expected [nx, ny, nz] (overthrust is 3D only)',
    ]);
  });
});

describe('3D acquisition forms in the run spec', () => {
  const model3d = { preset: 'layered', shape: [41, 41, 41], spacing: [10, 10, 10] };

  it('accepts lines and areal grids of generated points on a 3D model, with a limited offset', () => {
    const spec = validateRunSpec(
      lsrtmSpec({
        model: model3d,
        acquisition: {
          sources: { count: 4, depthM: 10, xRangeM: [50, 350], yRangeM: [200, 200] },
          receivers: { count: [21, 21], depthM: 10 },
          recordingTimeMs: 400,
          peakFrequencyHz: 10,
          maxOffsetM: 150,
        },
      } as Partial<RunSpecInput>),
    );
    expect(spec.acquisition.maxOffsetM).toBe(150);
  });

  it('refuses an areal grid and a y range on a 2D model', () => {
    const spec = lsrtmSpec({
      acquisition: {
        sources: { count: 6, depthM: 20 },
        receivers: { count: [10, 10], depthM: 20, yRangeM: [0, 100] },
        recordingTimeMs: 800,
        peakFrequencyHz: 15,
      },
    } as Partial<RunSpecInput>);
    expect(refusal(spec)).toEqual([
      'acquisition.receivers.count: [10,10] is an areal grid; expected an integer on a 2D model (areal grids are 3D)',
      'acquisition.receivers.yRangeM: given for a 2D model; expected no yRangeM (2D lines run along x)',
    ]);
  });

  it('keeps every 2D line valid', () => {
    expect(validateRunSpec(lsrtmSpec()).acquisition.receivers).toEqual({ count: 101, depthM: 20 });
  });
});
