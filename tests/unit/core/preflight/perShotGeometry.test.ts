import {
  expandPoints,
  preflightSpec,
  type RunSpecInput,
  receiverPoints,
  shotWindowShape,
  validateRunSpec,
} from '@seisless/core';
import { lsrtmSpec } from '../../../support/runSpecs';

const VELOCITIES = { minKmS: 1.5, maxKmS: 4.5 };

/** A BP-like line: 67.4 km × 11.9 km at 50 m, a 5 km streamer behind each source, 20 Hz → 5 Hz. */
function streamerSpec(acquisition: Partial<RunSpecInput['acquisition']> = {}): RunSpecInput {
  return lsrtmSpec({
    model: { preset: 'bp-salt', shape: [1349, 239], spacing: [50, 50] },
    acquisition: {
      sources: { count: 16, depthM: 10, xRangeM: [10000, 60000] },
      receivers: { count: 201, depthM: 10, xRangeM: [-5000, 0] },
      recordingTimeMs: 8000,
      peakFrequencyHz: 4,
      receiversFollowSource: true,
      apertureM: 5000,
      ...acquisition,
    },
    compute: { memoryMiB: 100_000 },
  });
}

describe('per-shot geometry and apertures', () => {
  it('gives each shot of a 5 km streamer a 15 km window, rounded to whole multiples of 50 points', () => {
    const spec = validateRunSpec(streamerSpec());
    expect(shotWindowShape(spec)).toEqual([350, 239]);
  });

  it('keeps the whole model without an aperture, or when the window would be wider', () => {
    expect(shotWindowShape(validateRunSpec(streamerSpec({ apertureM: undefined })))).toEqual([1349, 239]);
    expect(shotWindowShape(validateRunSpec(streamerSpec({ apertureM: 40_000 })))).toEqual([1349, 239]);
  });

  it('widens a shared spread’s window by the farthest source', () => {
    const spec = validateRunSpec(
      lsrtmSpec({
        model: { preset: 'layered', shape: [401, 101], spacing: [10, 10] },
        acquisition: {
          sources: { count: 4, depthM: 20, xRangeM: [1000, 3000] },
          receivers: { count: 51, depthM: 20, xRangeM: [1500, 2500] },
          recordingTimeMs: 1000,
          peakFrequencyHz: 10,
          apertureM: 300,
        },
      }),
    );
    // the shot at 1 km spans 1.0-2.5 km: 1.5 km + 2 × 300 m = 211 points → 250
    expect(shotWindowShape(spec)).toEqual([250, 101]);
  });

  it('estimates the memory of a job from its window, not the model', () => {
    const windowed = preflightSpec(validateRunSpec(streamerSpec()), VELOCITIES).memory;
    const whole = preflightSpec(validateRunSpec(streamerSpec({ apertureM: undefined })), VELOCITIES).memory;
    const gradient = (memory: typeof whole) => memory.find((m) => m.kind === 'gradient')?.mib ?? Number.NaN;
    // the padded points shrink to (350 + 88) / (1349 + 88) = 0.30; the base and records remain
    expect(gradient(windowed) / gradient(whole)).toBeGreaterThan(0.3);
    expect(gradient(windowed) / gradient(whole)).toBeLessThan(0.35);
  });

  it.each([
    { apertureM: 5000, measuredMiB: 1075 },
    { apertureM: undefined, measuredMiB: 3164 },
  ])('estimates a BP gradient job (aperture $apertureM m) within 20 % of its measured peak', (job) => {
    // Peak RSS of `/usr/bin/time -v python -m seisless_compute gradient` (LS-RTM, one shot, 101
    // receivers following the source, 1624 steps; the window 350 × 239 points) against a moto S3.
    const spec = validateRunSpec(
      streamerSpec({ receivers: { count: 101, depthM: 10, xRangeM: [-5000, 0] }, apertureM: job.apertureM }),
    );
    const gradient =
      preflightSpec(spec, VELOCITIES).memory.find((m) => m.kind === 'gradient')?.mib ?? Number.NaN;
    console.info(
      `BP gradient, aperture ${job.apertureM}: estimate ${gradient.toFixed(0)} MiB, measured ${job.measuredMiB}`,
    );
    expect(Math.abs(gradient / job.measuredMiB - 1)).toBeLessThan(0.2);
  });

  it('accepts a streamer that stays inside the grid at every shot', () => {
    expect(preflightSpec(validateRunSpec(streamerSpec()), VELOCITIES).errors).toEqual([]);
  });

  it('names the shot whose streamer leaves the grid', () => {
    const spec = validateRunSpec(
      streamerSpec({ sources: { count: 16, depthM: 10, xRangeM: [2000, 60000] } }),
    );
    expect(preflightSpec(spec, VELOCITIES).errors).toEqual([
      "acquisition.receivers: the shot at x 2000 m has receivers from x -3000 to 2000 m, outside the grid; expected every shot's receivers within x 0–67400 m (move the sources or shorten the offsets)",
    ]);
  });

  it('asks for the offsets of a streamer', () => {
    const spec = validateRunSpec(streamerSpec({ receivers: { count: 201, depthM: 10 } }));
    expect(preflightSpec(spec, VELOCITIES).errors).toEqual([
      'acquisition.receivers.xRangeM: missing; expected the offsets [first, last] in metres from each shot’s source, since acquisition.receiversFollowSource is true',
    ]);
  });

  it('refuses geometry from the records when the records are synthetic', () => {
    const spec = validateRunSpec(
      streamerSpec({
        receiversFollowSource: undefined,
        receivers: { count: 201, depthM: 10 },
        geometryFromData: true,
      }),
    );
    expect(preflightSpec(spec, VELOCITIES).errors).toEqual([
      expect.stringMatching(
        /^acquisition\.geometryFromData: true with synthetic observed data; expected observed\.keyTemplate/,
      ),
    ]);
  });

  describe('a 3D streamer following its source', () => {
    /** 3D, 4 km × 2 km × 1 km at 20 m; sources on a line at y 1 km, a 1 km streamer behind each. */
    function streamer3d(acquisition: Partial<RunSpecInput['acquisition']> = {}) {
      return validateRunSpec(
        lsrtmSpec({
          model: { preset: 'layered', shape: [201, 101, 51], spacing: [20, 20, 20] },
          acquisition: {
            sources: { count: 4, depthM: 20, xRangeM: [1500, 3500], yRangeM: [1000, 1000] },
            receivers: { count: 51, depthM: 20, xRangeM: [-1000, 0] },
            recordingTimeMs: 1000,
            peakFrequencyHz: 8,
            receiversFollowSource: true,
            ...acquisition,
          },
          compute: { memoryMiB: 100_000 },
        }),
      );
    }

    it('puts a line without yRangeM on the source line (crossline offset 0), not half the model away', () => {
      const spec = streamer3d();
      expect(preflightSpec(spec, VELOCITIES).errors).toEqual([]);
      expect(receiverPoints(spec.acquisition, spec.model)).toMatchObject({ yRangeM: [0, 0] });
      expect(expandPoints(receiverPoints(spec.acquisition, spec.model), spec.model)[0]).toEqual([
        -1000, 0, 20,
      ]);
    });

    it('names the shot whose spread leaves the grid in y', () => {
      const spec = streamer3d({
        receivers: { count: [11, 3], depthM: 20, xRangeM: [-1000, 0], yRangeM: [-200, 1200] },
      });
      expect(preflightSpec(spec, VELOCITIES).errors).toEqual([
        "acquisition.receivers: the shot at y 1000 m has receivers from y 800 to 2200 m, outside the grid; expected every shot's receivers within y 0–2000 m (move the sources or shorten the offsets)",
      ]);
    });

    it('asks for the crossline offsets of an areal spread', () => {
      const spec = streamer3d({ receivers: { count: [11, 3], depthM: 20, xRangeM: [-1000, 0] } });
      expect(preflightSpec(spec, VELOCITIES).errors).toEqual([
        'acquisition.receivers.yRangeM: missing; expected the crossline offsets [first, last] in metres of an areal spread following each shot’s source, since acquisition.receiversFollowSource is true',
      ]);
    });
  });
});
