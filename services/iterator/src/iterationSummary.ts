import type { ObjectStore } from '@seisless/core';
import { runKeys } from '@seisless/core';

/** Per-iteration timestamps (epoch ms) for the run report. */
export interface IterationTimings {
  readonly submittedAt: number | null;
  readonly firstJobStartedAt: number | null;
  readonly lastJobStoppedAt: number | null;
  readonly jobWallSeconds: number[];
  readonly lastGradientAt: number | null;
  readonly reductionCompleteAt: number | null;
  /** How long one accumulator update took (the median over the chunks' last updates), ms. */
  readonly accumulatorUpdateMs: number | null;
}

/** What the state machine knows of the iteration's gradients (Update's `gradients`, epoch ms). */
export interface GradientEvents {
  readonly submittedAt?: number | null;
  readonly reductionCompleteAt?: number | null;
  readonly accumulatorUpdateMs?: number | null;
}

interface JobTimings {
  readonly started_at?: number;
  readonly finished_at?: number;
  readonly gradient_written_at?: number;
  readonly total_s?: number;
}

const maxOf = (values: number[]) => (values.length === 0 ? null : Math.max(...values));
const minOf = (values: number[]) => (values.length === 0 ? null : Math.min(...values));
const epochMs = (jobs: readonly JobTimings[], field: keyof JobTimings) =>
  jobs.flatMap((j) => (j[field] === undefined ? [] : [j[field] * 1000]));

/**
 * Collects an iteration's timings from what its gradient jobs left in S3 (their timings files,
 * which carry millisecond clocks) and what the state machine passed on. S3's Last-Modified, which
 * has whole seconds only, is the fallback for the gradients and the accumulators.
 */
export async function collectIterationTimings(
  store: ObjectStore,
  runId: string,
  k: number,
  events: GradientEvents = {},
): Promise<IterationTimings> {
  const keys = runKeys(runId);
  const timingFiles = await store.list(keys.timingsPrefix(k));
  const jobs = await Promise.all(
    timingFiles.filter((f) => f.key.includes('/gradient-')).map((f) => store.getJson<JobTimings>(f.key)),
  );
  const written = epochMs(jobs, 'gradient_written_at');
  const lastGradientAt =
    written.length === jobs.length && written.length > 0
      ? maxOf(written)
      : maxOf((await store.list(keys.gradientsPrefix(k))).map((g) => g.lastModified));
  const reductionCompleteAt =
    events.reductionCompleteAt ??
    maxOf((await store.list(keys.accumulatorsPrefix(k))).map((a) => a.lastModified));
  return {
    submittedAt: events.submittedAt ?? null,
    firstJobStartedAt: minOf(epochMs(jobs, 'started_at')),
    lastJobStoppedAt: maxOf(epochMs(jobs, 'finished_at')),
    jobWallSeconds: jobs.flatMap((j) => (j.total_s === undefined ? [] : [j.total_s])),
    lastGradientAt,
    reductionCompleteAt,
    accumulatorUpdateMs: events.accumulatorUpdateMs ?? null,
  };
}
