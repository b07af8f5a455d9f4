import type { JobsRef } from '@seisless/core';
import type { BatchJobs, BatchStatus, JobInfo } from './ports';

/** The read-only Batch operations. */
export type JobReader = Pick<BatchJobs, 'describeJobs' | 'listArrayChildren'>;

import type { JobObservation } from './progressSummary';

/**
 * Describes a JobsRef's jobs and, for array parents, lists the children that succeeded and
 * failed (a status is listed unless the parent's summary says none are in it yet).
 */
export async function observeJobs(ref: Pick<JobsRef, 'jobIds'>, batch: JobReader): Promise<JobObservation[]> {
  const described = await batch.describeJobs(ref.jobIds);
  const byId = new Map(described.map((job) => [job.jobId, job]));
  return Promise.all(
    ref.jobIds.map(async (jobId): Promise<JobObservation> => {
      const job = byId.get(jobId);
      if (job === undefined) return { jobId };
      if (job.arraySize === undefined) return { jobId, job };
      const [succeeded, failed] = await Promise.all([
        listIfAny(batch, job, 'SUCCEEDED'),
        listIfAny(batch, job, 'FAILED'),
      ]);
      return { jobId, job, children: { succeeded, failed } };
    }),
  );
}

async function listIfAny(batch: JobReader, parent: JobInfo, status: BatchStatus): Promise<JobInfo[]> {
  const finished = parent.status === 'SUCCEEDED' || parent.status === 'FAILED';
  if (!finished && parent.statusSummary?.[status] === 0) return [];
  return batch.listArrayChildren(parent.jobId, status);
}
