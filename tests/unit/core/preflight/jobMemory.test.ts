import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { estimateJobMemory, preflightSpec, validateRunSpec } from '@seisless/core';
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

/**
 * Peak RSS (`peak_rss_mib` of the jobs' timings, the report's `job_memory`) of jobs that lowered
 * and compiled their TTI operators, from layered-tti LS-RTM runs (exact step, 2 shots, space order
 * 8, 15 Hz, `nt` the jobs' time axis) on the local cloud, December 7.
 */
const TTI_MEASURED = [
  {
    shape: [201, 101],
    timeMs: 1000,
    subsampling: 1,
    nt: 972,
    observe: 164.0,
    bornNorm: 173.4,
    gradient: 615.5,
  },
  {
    shape: [401, 201],
    timeMs: 2000,
    subsampling: 1,
    nt: 1943,
    observe: 192.0,
    bornNorm: 204.9,
    gradient: 2430.8,
  },
  { shape: [401, 201], timeMs: 2000, subsampling: 'auto', nt: 1943, gradient: 683.9 },
  {
    shape: [41, 41, 41],
    timeMs: 200,
    subsampling: 1,
    nt: 233,
    observe: 218.6,
    bornNorm: 260.6,
    gradient: 1092.3,
  },
] as const;

function ttiSpec(job: (typeof TTI_MEASURED)[number]) {
  const three = job.shape.length === 3;
  return validateRunSpec(
    lsrtmSpec({
      physics: 'tti',
      model: { preset: 'layered-tti', shape: [...job.shape], spacing: job.shape.map(() => 10) },
      background: { smoothingM: 60 },
      acquisition: three
        ? {
            sources: { count: [1, 1], depthM: 20 },
            receivers: { count: [job.shape[0], 1], depthM: 20 },
            recordingTimeMs: job.timeMs,
            peakFrequencyHz: 15,
          }
        : {
            sources: { count: 2, depthM: 20 },
            receivers: { count: job.shape[0], depthM: 20 },
            recordingTimeMs: job.timeMs,
            peakFrequencyHz: 15,
          },
      algorithm: { kind: 'lsrtm', iterations: 1, batchSize: three ? 1 : 2, step: { rule: 'exact' } },
      compute: { memoryMiB: 100_000, nbl: three ? 10 : 40, wavefieldSubsampling: job.subsampling },
    }),
  );
}

describe('the memory estimate of TTI jobs', () => {
  it.each(TTI_MEASURED)(
    'is within 10 % of the measured peak of jobs compiling their operators: $shape, k $subsampling',
    (job) => {
      const memory = estimateJobMemory(ttiSpec(job), job.nt);
      const estimate = (kind: string) => memory.find((m) => m.kind === kind)?.mib ?? Number.NaN;
      const measured: [string, number | undefined][] = [
        ['observe', 'observe' in job ? job.observe : undefined],
        ['born-norm', 'bornNorm' in job ? job.bornNorm : undefined],
        ['gradient', job.gradient],
      ];
      for (const [kind, peak] of measured) {
        if (peak === undefined) continue;
        console.info(
          `TTI ${job.shape.join('x')} k=${job.subsampling} ${kind}: estimate ${estimate(kind).toFixed(0)} MiB, measured ${peak}`,
        );
        expect(Math.abs(estimate(kind) / peak - 1)).toBeLessThan(0.1);
      }
    },
  );

  it('bounds the jobs of the 3D TTI example, which loaded cached operators (observe 243.1, gradient 1131.1 MiB)', () => {
    const path = join(__dirname, '../../../../numerical-examples/specs/rtm-tti-3d.json');
    const spec = validateRunSpec(JSON.parse(readFileSync(path, 'utf8')));
    const estimate = (kind: string, nt: number) =>
      estimateJobMemory(spec, nt).find((m) => m.kind === kind)?.mib ?? Number.NaN;
    console.info(
      `rtm-tti-3d: observe ${estimate('observe', 475).toFixed(0)}, gradient ${estimate('gradient', 467).toFixed(0)} MiB`,
    );
    expect(estimate('observe', 475) / 243.1).toBeGreaterThanOrEqual(1);
    expect(estimate('observe', 475) / 243.1).toBeLessThan(1.35);
    expect(estimate('gradient', 467) / 1131.1).toBeGreaterThan(0.97);
    expect(estimate('gradient', 467) / 1131.1).toBeLessThan(1.1);
  });
});
