import type { JobStatus, SubmitJobCommandInput } from '@aws-sdk/client-batch';

/** A Batch job status, as the Batch API spells it. */
export type BatchStatus = JobStatus;

/** What the logic needs to know about one job (a DescribeJobs or ListJobs entry). */
export interface JobInfo {
  readonly jobId: string;
  readonly status: BatchStatus;
  readonly statusReason?: string;
  readonly startedAt?: number;
  readonly stoppedAt?: number;
  /** Array parents: the array size and the children's counts by status. */
  readonly arraySize?: number;
  readonly statusSummary?: Readonly<Record<string, number>>;
  /** Array children: their index. */
  readonly arrayIndex?: number;
  readonly exitCode?: number;
  readonly containerReason?: string;
}

/** The Batch operations of the submitter (adapters/batchJobs.ts on AWS). */
export interface BatchJobs {
  submitJob(input: SubmitJobCommandInput): Promise<string>;
  /** Jobs that Batch does not know are left out. */
  describeJobs(jobIds: readonly string[]): Promise<JobInfo[]>;
  listArrayChildren(arrayJobId: string, status: BatchStatus): Promise<JobInfo[]>;
  terminateJob(jobId: string, reason: string): Promise<void>;
}
