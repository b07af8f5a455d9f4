import { jobsRefSchema } from '@seisless/core';
import { z } from 'zod';
import type { BatchJobs, JobInfo } from './ports';

/** The `cancel` function's input: one JobsRef or several. */
export const cancelRequestSchema = z.object({
  runId: z.string().min(1),
  jobs: z.union([jobsRefSchema, z.array(jobsRefSchema)]),
  reason: z.string().min(1).max(900).optional(),
});

export type CancelRequest = z.output<typeof cancelRequestSchema>;

export interface CancelResult {
  readonly runId: string;
  /** Jobs (and running array children) that TerminateJob was called on. */
  readonly terminated: string[];
}

/**
 * Terminates every unfinished job of the given JobsRefs. For an array parent, TerminateJob is
 * sent to the parent (which cancels its queued children) and to each starting or running child.
 *
 * @example
 * await cancelJobs({ runId: 'demo', jobs: [modelRef, gradientRef] }, { batch });
 */
export async function cancelJobs(request: CancelRequest, deps: { batch: BatchJobs }): Promise<CancelResult> {
  const refs = Array.isArray(request.jobs) ? request.jobs : [request.jobs];
  const reason = request.reason ?? `seisless: run ${request.runId} was stopped`;
  const described = await deps.batch.describeJobs(refs.flatMap((ref) => ref.jobIds));
  const unfinished = described.filter((job) => !isFinished(job));
  const targets = (await Promise.all(unfinished.map((job) => withActiveChildren(deps.batch, job)))).flat();
  await Promise.all(targets.map((jobId) => deps.batch.terminateJob(jobId, reason)));
  return { runId: request.runId, terminated: targets };
}

function isFinished(job: JobInfo): boolean {
  return job.status === 'SUCCEEDED' || job.status === 'FAILED';
}

async function withActiveChildren(batch: BatchJobs, job: JobInfo): Promise<string[]> {
  if (job.arraySize === undefined) return [job.jobId];
  const [starting, running] = await Promise.all([
    batch.listArrayChildren(job.jobId, 'STARTING'),
    batch.listArrayChildren(job.jobId, 'RUNNING'),
  ]);
  return [job.jobId, ...starting.map((child) => child.jobId), ...running.map((child) => child.jobId)];
}
