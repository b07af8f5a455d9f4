import { formatShotFailures, type JobsProgress, type JobsRef, jobsRefSchema } from '@seisless/core';
import { z } from 'zod';
import { JobsFailedError } from './errors';
import { type FailureRecordReader, withRecordedReasons } from './failureRecords';
import { type JobReader, observeJobs } from './observeJobs';

import { summarizeProgress } from './progressSummary';

/** The `progress` function's input (state-machine.md). */
export const progressRequestSchema = z.object({
  jobs: jobsRefSchema,
  failOnError: z.boolean().default(false),
});

export type ProgressRequest = z.output<typeof progressRequestSchema>;

export interface ProgressDeps {
  readonly batch: JobReader;
  /** Reads the failure records of failed jobs (the data bucket). */
  readonly records: FailureRecordReader;
  readonly now: () => number;
}

/**
 * Progress of submitted jobs; with `failOnError`, throws JobsFailedError when they FAILED or
 * are OVERDUE. Once they have, each failure carries its job's recorded reason and kind
 * (failureRecords.ts). The CLI calls this too (through the `progress` function).
 *
 * @example
 * const progress = await jobProgress({ jobs: ref, failOnError: false }, deps);
 * if (progress.state === 'SUCCEEDED') console.log(progress.succeededShots);
 */
export async function jobProgress(request: ProgressRequest, deps: ProgressDeps): Promise<JobsProgress> {
  const { jobs, failOnError } = request;
  // The check's time is taken before Batch is read: a job that ends later is news to the next wait.
  const checkedAt = deps.now();
  const observed = summarizeProgress(jobs, await observeJobs(jobs, deps.batch), checkedAt);
  const ended = observed.state === 'FAILED' || observed.state === 'OVERDUE';
  const progress =
    ended && observed.failures.length > 0
      ? { ...observed, failures: await withRecordedReasons(jobs, observed.failures, deps.records) }
      : observed;
  if (failOnError && (progress.state === 'FAILED' || progress.state === 'OVERDUE')) {
    throw jobsFailedError(jobs, progress);
  }
  return progress;
}

/**
 * The error for jobs that failed or are overdue: one line naming, per failed shot, its job, kind
 * and reason (`shot 3 (job j:3) bad-input: …`; `parseShotFailures` of @seisless/core reads them
 * back from the run state's error).
 */
export function jobsFailedError(ref: JobsRef, progress: JobsProgress): JobsFailedError {
  const what = `${ref.kind} jobs of run ${ref.runId}, iteration ${ref.iteration}`;
  const { counts } = progress;
  const total = counts.pending + counts.running + counts.succeeded + counts.failed;
  const listed = formatShotFailures(progress.failures, counts.failed);
  const failed = counts.failed > 0 ? `${counts.failed} of ${total} failed: ${listed}` : '';
  const message =
    progress.state === 'OVERDUE'
      ? `${what} are overdue: ${counts.pending + counts.running} of ${total} unfinished past the deadline ${new Date(ref.deadline).toISOString()}${failed ? `; ${failed}` : ''}`
      : `${what}: ${failed}`;
  return new JobsFailedError(message, progress.failures);
}
