import { preflightSpec, validateRunSpec } from '@seisless/core';
import { lsrtmSpec } from '../../../support/runSpecs';

/**
 * Peak RSS of real jobs, `/usr/bin/time -v python -m seisless_compute <task>` against a moto S3
 * (layered model, space order 8, nbl 40 (3D: 10), 15 Hz, one shot, a line of receivers at every
 * grid column), measured on the 2-core development machine.
 */
const MEASURED = [
  { shape: [101, 51], timeMs: 700, receivers: 101, checkpointing: false, observe: 128.3, gradient: 195.0 },
  { shape: [301, 151], timeMs: 1500, receivers: 301, checkpointing: false, observe: 141.6, gradient: 604.5 },
  { shape: [301, 151], timeMs: 1500, receivers: 301, checkpointing: true, observe: 148.4, gradient: 162.3 },
  { shape: [401, 201], timeMs: 2000, receivers: 401, checkpointing: false, observe: 154.9, gradient: 1081.3 },
  { shape: [601, 301], timeMs: 3000, receivers: 301, checkpointing: false, observe: 166.4, gradient: 2717.0 },
  { shape: [41, 41, 41], timeMs: 200, receivers: 41, checkpointing: false, observe: 148.3, gradient: 493.8 },
] as const;

/** The acquisition of a measured job: a line of points in 2D, the same line at mid-y in 3D. */
function acquisitionOf(shape: readonly number[], receivers: number, recordingTimeMs: number) {
  if (shape.length === 2) {
    return {
      sources: { count: 6, depthM: 20 },
      receivers: { count: receivers, depthM: 20 },
      recordingTimeMs,
      peakFrequencyHz: 15,
    };
  }
  const mid = ((shape[1] ?? 1) - 1) * 5;
  const xs = Array.from({ length: receivers }, (_, i) => i * 10);
  return {
    sources: { positions: [[200, mid, 20]] },
    receivers: { positions: xs.map((x) => [x, mid, 20]) },
    recordingTimeMs,
    peakFrequencyHz: 15,
  };
}

describe('the memory estimate per job', () => {
  it.each(MEASURED)(
    'is within 10 % of the measured peak for $shape, $timeMs ms, checkpointing $checkpointing',
    (job) => {
      const spec = validateRunSpec(
        lsrtmSpec({
          model: { preset: 'layered', shape: [...job.shape], spacing: job.shape.map(() => 10) },
          acquisition: acquisitionOf(job.shape, job.receivers, job.timeMs),
          algorithm: { kind: 'rtm' },
          compute: {
            checkpointing: job.checkpointing,
            memoryMiB: 100_000,
            nbl: job.shape.length === 3 ? 10 : 40,
          },
        }),
      );

      const memory = preflightSpec(spec, { minKmS: 1.5, maxKmS: 3.5 }).memory;
      const estimate = (kind: string) => memory.find((m) => m.kind === kind)?.mib ?? Number.NaN;

      console.info(
        `${job.shape.join('x')} ${job.timeMs} ms ckp=${job.checkpointing}: gradient ${estimate('gradient').toFixed(0)} MiB (measured ${job.gradient}), observe ${estimate('observe').toFixed(0)} MiB (measured ${job.observe})`,
      );
      expect(Math.abs(estimate('gradient') / job.gradient - 1)).toBeLessThan(0.1);
      expect(Math.abs(estimate('observe') / job.observe - 1)).toBeLessThan(0.1);
    },
  );
});
