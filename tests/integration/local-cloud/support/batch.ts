import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BatchClient,
  DescribeJobsCommand,
  type JobDetail,
  SubmitJobCommand,
  type SubmitJobCommandInput,
} from '@aws-sdk/client-batch';
import { waitFor } from './cloud';

export const QUEUE = 'lc-jobs-local-queue';
export const WORK = 'lc-jobs-local-work';

/** Small helpers over the unmodified Batch client, for the lc-jobs fixture. */
export function batchHelpers(batch: BatchClient, dataDir: () => string) {
  async function submit(jobName: string, input: Partial<SubmitJobCommandInput> = {}): Promise<string> {
    const out = await batch.send(
      new SubmitJobCommand({ jobName, jobQueue: QUEUE, jobDefinition: WORK, ...input }),
    );
    return out.jobId ?? '';
  }

  async function describe(jobId: string): Promise<JobDetail> {
    const out = await batch.send(new DescribeJobsCommand({ jobs: [jobId] }));
    const job = out.jobs?.[0];
    if (!job) throw new Error(`no job ${jobId}`);
    return job;
  }

  /** Polls a job until `done`, recording every status seen on the way. */
  async function until(
    jobId: string,
    done: (job: JobDetail) => boolean,
  ): Promise<{ job: JobDetail; seen: string[] }> {
    const seen: string[] = [];
    const job = await waitFor(`job ${jobId}`, async () => {
      const current = await describe(jobId);
      if (current.status && seen.at(-1) !== current.status) seen.push(current.status);
      return done(current) ? current : undefined;
    });
    return { job, seen };
  }

  /** The job's log, or '' while it has none. */
  function log(jobId: string): string {
    try {
      return readFileSync(join(dataDir(), 'batch', 'logs', `${jobId}.log`), 'utf8');
    } catch {
      return '';
    }
  }

  return { submit, describe, until, log };
}

export const finished = (job: JobDetail): boolean => job.status === 'SUCCEEDED' || job.status === 'FAILED';

/** Whether a process still runs (a zombie waiting for its reaper does not). */
export function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
