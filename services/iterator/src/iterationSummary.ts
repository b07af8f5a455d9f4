import type { ObjectStore } from '@seisless/core';
import { runKeys } from '@seisless/core';

/** Per-iteration timestamps (epoch ms) for the run report. */
export interface IterationTimings {
  readonly firstJobStartedAt: number | null;
  readonly lastJobStoppedAt: number | null;
  readonly jobWallSeconds: number[];
  readonly lastGradientAt: number | null;
  readonly reductionCompleteAt: number | null;
}

interface JobTimings {
  readonly started_at?: number;
  readonly finished_at?: number;
  readonly total_s?: number;
}

const maxOf = (values: number[]) => (values.length === 0 ? null : Math.max(...values));
const minOf = (values: number[]) => (values.length === 0 ? null : Math.min(...values));

/**
 * Collects an iteration's timings from what its jobs and the reducer left in S3: the jobs'
 * timings files, the gradient objects' and the accumulators' last-modified times.
 */
export async function collectIterationTimings(
  store: ObjectStore,
  runId: string,
  k: number,
): Promise<IterationTimings> {
  const keys = runKeys(runId);
  const [timingFiles, gradients, accumulators] = await Promise.all([
    store.list(keys.timingsPrefix(k)),
    store.list(keys.gradientsPrefix(k)),
    store.list(keys.accumulatorsPrefix(k)),
  ]);
  const jobs = await Promise.all(
    timingFiles.filter((f) => f.key.includes('/gradient-')).map((f) => store.getJson<JobTimings>(f.key)),
  );
  return {
    firstJobStartedAt: minOf(jobs.flatMap((j) => (j.started_at === undefined ? [] : [j.started_at * 1000]))),
    lastJobStoppedAt: maxOf(jobs.flatMap((j) => (j.finished_at === undefined ? [] : [j.finished_at * 1000]))),
    jobWallSeconds: jobs.flatMap((j) => (j.total_s === undefined ? [] : [j.total_s])),
    lastGradientAt: maxOf(gradients.map((g) => g.lastModified)),
    reductionCompleteAt: maxOf(accumulators.map((a) => a.lastModified)),
  };
}
