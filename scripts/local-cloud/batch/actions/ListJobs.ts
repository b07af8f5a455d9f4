import { ApiError } from '../../http';
import { jobSummary } from '../detail';
import type { Job } from '../model';
import type { BatchAction } from './context';

type Filter = { name?: string; values?: string[] };

function matchesFilter(job: Job, filter: Filter): boolean {
  const value = filter.values?.[0] ?? '';
  switch (filter.name) {
    case 'JOB_NAME':
      return value.endsWith('*') ? job.jobName.startsWith(value.slice(0, -1)) : job.jobName === value;
    case 'JOB_DEFINITION':
      return [
        job.definition.name,
        job.definition.arn,
        `${job.definition.name}:${job.definition.revision}`,
      ].includes(value);
    case 'BEFORE_CREATED_AT':
      return job.createdAt < Number(value);
    case 'AFTER_CREATED_AT':
      return job.createdAt > Number(value);
    default:
      throw new ApiError(400, 'ClientException', `Unsupported filter ${String(filter.name)}`);
  }
}

/**
 * ListJobs: the jobs of a queue (array parents, not their children), or the children of an array
 * job (`arrayJobId`). Without filters only jobs in `jobStatus` (default RUNNING) are listed.
 */
export const ListJobs: BatchAction = (input, { store }) => {
  const filters = (Array.isArray(input.filters) ? input.filters : []) as Filter[];
  let jobs: Job[];
  if (input.arrayJobId !== undefined) jobs = store.children(store.job(input.arrayJobId));
  else if (input.multiNodeJobId !== undefined) jobs = [store.job(input.multiNodeJobId)];
  else {
    const queue = store.queue(input.jobQueue);
    jobs = [...store.jobs.values()].filter((job) => job.jobQueue === queue.arn && job.parentId === undefined);
  }
  if (filters.length > 0) jobs = jobs.filter((job) => filters.every((filter) => matchesFilter(job, filter)));
  else jobs = jobs.filter((job) => job.status === (input.jobStatus ?? 'RUNNING'));
  const size = Math.min(Number(input.maxResults ?? 100) || 100, 1000);
  const start = input.nextToken === undefined ? 0 : Number(input.nextToken);
  const page = jobs.slice(start, start + size);
  return {
    jobSummaryList: page.map(jobSummary),
    nextToken: start + size < jobs.length ? String(start + size) : undefined,
  };
};
