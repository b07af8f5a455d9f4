import {
  type IterationTimings,
  jobTimingsSchema,
  type ObjectStore,
  readContract,
  runKeys,
} from '@seisless/core';
import { z } from 'zod';

/** What the state machine knows of the iteration's gradients (Update's `gradients`, epoch ms). */
export const gradientEventsSchema = z.object({
  submittedAt: z.number().nullish(),
  reductionCompleteAt: z.number().nullish(),
  accumulatorUpdateMs: z.number().nullish(),
});

export type GradientEvents = z.output<typeof gradientEventsSchema>;

/** The timings collected before the update itself is timed. */
export type GradientTimings = Omit<IterationTimings, 'updateStartedAt' | 'updateFinishedAt'>;

const maxOf = (values: number[]) => (values.length === 0 ? null : Math.max(...values));
const minOf = (values: number[]) => (values.length === 0 ? null : Math.min(...values));
const epochMs = (values: readonly (number | undefined)[]) =>
  values.flatMap((value) => (value === undefined ? [] : [value * 1000]));

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
): Promise<GradientTimings> {
  const keys = runKeys(runId);
  const timingFiles = await store.list(keys.timingsPrefix(k));
  const jobs = await Promise.all(
    timingFiles
      .filter((f) => f.key.includes('/gradient-'))
      .map((f) => readContract(store, f.key, jobTimingsSchema)),
  );
  const written = epochMs(jobs.map((j) => j.gradient_written_at));
  const lastGradientAt =
    written.length === jobs.length && written.length > 0
      ? maxOf(written)
      : maxOf((await store.list(keys.gradientsPrefix(k))).map((g) => g.lastModified));
  const reductionCompleteAt =
    events.reductionCompleteAt ??
    maxOf((await store.list(keys.accumulatorsPrefix(k))).map((a) => a.lastModified));
  return {
    submittedAt: events.submittedAt ?? null,
    firstJobStartedAt: minOf(epochMs(jobs.map((j) => j.started_at))),
    lastJobStoppedAt: maxOf(epochMs(jobs.map((j) => j.finished_at))),
    jobWallSeconds: jobs.map((j) => j.total_s),
    lastGradientAt,
    reductionCompleteAt,
    accumulatorUpdateMs: events.accumulatorUpdateMs ?? null,
  };
}
