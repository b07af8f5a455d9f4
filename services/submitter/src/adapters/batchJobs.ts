import {
  type BatchClient,
  DescribeJobsCommand,
  type JobDetail,
  type JobSummary,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { SeislessError } from '@seisless/core';
import type { BatchJobs, JobInfo } from '../ports';

/** DescribeJobs takes at most 100 job ids per call. */
const DESCRIBE_LIMIT = 100;

/**
 * The submitter's Batch port on an SDK client (endpoint from `AWS_ENDPOINT_URL_BATCH` locally).
 *
 * @example
 * const batch = batchJobs(new BatchClient({}));
 */
export function batchJobs(client: BatchClient): BatchJobs {
  return {
    async submitJob(input) {
      const out = await client.send(new SubmitJobCommand(input));
      if (!out.jobId)
        throw new SeislessError(`SubmitJob ${input.jobName}`, 'no jobId in the response', 'a job id');
      return out.jobId;
    },
    async describeJobs(jobIds) {
      const infos: JobInfo[] = [];
      for (let i = 0; i < jobIds.length; i += DESCRIBE_LIMIT) {
        const out = await client.send(new DescribeJobsCommand({ jobs: jobIds.slice(i, i + DESCRIBE_LIMIT) }));
        infos.push(...(out.jobs ?? []).map(fromDetail));
      }
      return infos;
    },
    async listArrayChildren(arrayJobId, status) {
      const infos: JobInfo[] = [];
      let nextToken: string | undefined;
      do {
        const out = await client.send(
          new ListJobsCommand({ arrayJobId, jobStatus: status, maxResults: 1000, nextToken }),
        );
        infos.push(...(out.jobSummaryList ?? []).map(fromSummary));
        nextToken = out.nextToken;
      } while (nextToken);
      return infos;
    },
    async terminateJob(jobId, reason) {
      await client.send(new TerminateJobCommand({ jobId, reason }));
    },
  };
}

/** What DescribeJobs and ListJobs entries share (JobDetail, JobSummary). */
type JobFields = Pick<JobSummary, 'jobId' | 'status' | 'statusReason' | 'startedAt' | 'stoppedAt'> & {
  readonly arrayProperties?: { readonly index?: number };
  readonly container?: { readonly exitCode?: number; readonly reason?: string };
};

function fromSummary(job: JobFields): JobInfo {
  return compact({
    jobId: job.jobId ?? '',
    status: job.status ?? 'SUBMITTED',
    statusReason: job.statusReason,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    arrayIndex: job.arrayProperties?.index,
    exitCode: job.container?.exitCode,
    containerReason: job.container?.reason,
  });
}

/** A DescribeJobs entry: a ListJobs one plus an array parent's size and status counts. */
function fromDetail(job: JobDetail): JobInfo {
  return compact({
    ...fromSummary(job),
    arraySize: job.arrayProperties?.size,
    statusSummary: job.arrayProperties?.statusSummary,
  });
}

/** Drops undefined fields, so optional fields are absent rather than undefined. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
