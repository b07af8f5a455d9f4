import { type RunSpecInput, validateRunSpec } from '@seisless/core';
import { estimateJobMemory } from '../../../../packages/core/src/preflight/jobMemory';
import {
  storedWavefieldSamples,
  subsamplingFactor,
} from '../../../../packages/core/src/preflight/storedWavefield';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

/**
 * Peak RSS of real gradient jobs keeping every k-th step, `/usr/bin/time -v python -m
 * seisless_compute gradient` against a moto S3 (layered model 1.5/2.0/2.5 km/s smoothed over
 * 50 m, space order 8, nbl 40, 15 Hz, one shot, a receiver at every grid column, dt 1.77 ms), on
 * the 2-core development machine, December 7, with the history of the physical region only and a
 * fresh compile cache (the job compiles, or loads and captures, its operators: the peak of a
 * run's first batch; later jobs, on cached host kernels, peaked 66–67 MiB lower).
 */
const MEASURED = [
  { shape: [301, 151], timeMs: 1500, steps: 849, algorithm: 'lsrtm', k: 4, mib: 164.9 },
  { shape: [301, 151], timeMs: 1500, steps: 849, algorithm: 'lsrtm', k: 'auto', mib: 170.4 },
  { shape: [401, 201], timeMs: 2000, steps: 1131, algorithm: 'fwi', k: 4, mib: 227.2 },
  { shape: [401, 201], timeMs: 2000, steps: 1131, algorithm: 'fwi', k: 'auto', mib: 249.4 },
] as const;

function measuredSpec(entry: (typeof MEASURED)[number]) {
  const base = entry.algorithm === 'fwi' ? fwiSpec() : lsrtmSpec();
  const input: RunSpecInput = {
    ...base,
    model: { preset: 'layered', shape: [...entry.shape], spacing: [10, 10] },
    acquisition: {
      sources: { count: 6, depthM: 20 },
      receivers: { count: entry.shape[0], depthM: 20 },
      recordingTimeMs: entry.timeMs,
      peakFrequencyHz: 15,
    },
    compute: { wavefieldSubsampling: entry.k },
  };
  return validateRunSpec(input);
}

describe('the stored wavefield of a gradient job', () => {
  it('is every step by default', () => {
    const spec = validateRunSpec(lsrtmSpec());
    expect(subsamplingFactor(spec, 1131)).toBe(1);
    expect(storedWavefieldSamples(spec, 1131)).toBe(1131);
  });

  it("is every k-th step, ceil(nt / k) samples, and 'auto' samples at 12 × the peak frequency", () => {
    // 15 Hz: every 5.56 ms, i.e. k = 3 at dt = 1.77 ms (1500 ms over 848 steps)
    const auto = measuredSpec(MEASURED[1]);
    expect(subsamplingFactor(auto, 849)).toBe(3);
    expect(storedWavefieldSamples(auto, 849)).toBe(283);
    expect(storedWavefieldSamples(measuredSpec(MEASURED[0]), 849)).toBe(213);
  });

  it.each(MEASURED)(
    'is estimated at most 6 % above the measured peak, never below, for $shape $algorithm, k = $k',
    (entry) => {
      const gradient = estimateJobMemory(measuredSpec(entry), entry.steps).find(
        (job) => job.kind === 'gradient',
      );
      expect(gradient).toBeDefined();
      const error = (gradient?.mib ?? 0) / entry.mib - 1;
      expect(error).toBeGreaterThanOrEqual(0);
      expect(error).toBeLessThan(0.06);
    },
  );

  it('holds the physical region only for a subsampled standard-imaging acoustic gradient', () => {
    const entry = MEASURED[0];
    const physical = measuredSpec(entry);
    const gradientOf = (spec: typeof physical) =>
      estimateJobMemory(spec, entry.steps).find((job) => job.kind === 'gradient')?.mib ?? 0;
    const isic = { ...physical, compute: { ...physical.compute, imagingCondition: 'isic' as const } };
    // ISIC differentiates the history: it keeps the padded grid, (301 + 88) × (151 + 88) points
    // against 301 × 151, for 213 samples of 4 B, and the base of the earlier fit (126 MiB, not 102)
    expect(gradientOf(isic) - gradientOf(physical)).toBeCloseTo(
      (213 * 4 * (389 * 239 - 301 * 151)) / 2 ** 20 + 24,
      6,
    );
  });

  it('grows by one float32 grid with illumination compensation', () => {
    const entry = MEASURED[0];
    const plain = estimateJobMemory(measuredSpec(entry), entry.steps);
    const lit = estimateJobMemory(
      { ...measuredSpec(entry), preconditioning: { illumination: { epsilon: 0.01 } } },
      entry.steps,
    );
    const gradientOf = (jobs: typeof plain) => jobs.find((job) => job.kind === 'gradient')?.mib ?? 0;
    // (301 + 88) × (151 + 88) points × 4 B
    expect(gradientOf(lit) - gradientOf(plain)).toBeCloseTo((389 * 239 * 4) / 2 ** 20, 6);
  });
});
