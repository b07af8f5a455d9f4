import type { SubmitJobCommandInput } from '@aws-sdk/client-batch';

type Status = 'SUBMITTED' | 'PENDING' | 'RUNNABLE' | 'STARTING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED';

/** A job as the fake knows it (the submitter's JobInfo shape). */
export interface FakeJob {
  jobId: string;
  status: Status;
  statusReason?: string;
  startedAt?: number;
  stoppedAt?: number;
  arraySize?: number;
  statusSummary?: Record<string, number>;
  arrayIndex?: number;
  exitCode?: number;
  containerReason?: string;
}

/**
 * An in-memory stand-in for the submitter's Batch port: records submissions and terminations,
 * and answers DescribeJobs / ListJobs from jobs the test arranges.
 */
export class FakeBatchJobs {
  readonly submitted: SubmitJobCommandInput[] = [];
  readonly terminated: { jobId: string; reason: string }[] = [];
  readonly jobs = new Map<string, FakeJob>();
  readonly children = new Map<string, FakeJob[]>();
  readonly listCalls: { arrayJobId: string; status: Status }[] = [];
  private next = 0;

  async submitJob(input: SubmitJobCommandInput): Promise<string> {
    this.submitted.push(input);
    this.next += 1;
    return `job-${this.next}`;
  }

  async describeJobs(jobIds: readonly string[]): Promise<FakeJob[]> {
    return jobIds.flatMap((id) => {
      const job = this.jobs.get(id);
      return job === undefined ? [] : [job];
    });
  }

  async listArrayChildren(arrayJobId: string, status: Status): Promise<FakeJob[]> {
    this.listCalls.push({ arrayJobId, status });
    return (this.children.get(arrayJobId) ?? []).filter((child) => child.status === status);
  }

  async terminateJob(jobId: string, reason: string): Promise<void> {
    this.terminated.push({ jobId, reason });
  }

  /** Arranges an array parent with children of the given statuses (index i → status i). */
  arrangeArray(jobId: string, statuses: readonly Status[], extra: Partial<FakeJob> = {}): void {
    const children = statuses.map((status, index) => ({
      jobId: `${jobId}:${index}`,
      status,
      arrayIndex: index,
    }));
    const all: Status[] = ['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED', 'FAILED'];
    const summary = Object.fromEntries(
      all.map((status) => [status, statuses.filter((s) => s === status).length]),
    );
    this.children.set(jobId, children);
    const done = statuses.every((s) => s === 'SUCCEEDED' || s === 'FAILED');
    const parentStatus: Status = done ? (statuses.includes('FAILED') ? 'FAILED' : 'SUCCEEDED') : 'PENDING';
    this.jobs.set(jobId, {
      jobId,
      status: parentStatus,
      arraySize: statuses.length,
      statusSummary: summary,
      ...extra,
    });
  }
}
