import type { LedgerAttempt } from './ledgerTypes';

/** The parts of a Batch JobDetail (DescribeJobs) the ledger reads. */
export interface BatchJobDetail {
  readonly jobId?: string;
  readonly jobName?: string;
  readonly status?: string;
  readonly attempts?: readonly { readonly startedAt?: number; readonly stoppedAt?: number }[];
  readonly container?: {
    readonly vcpus?: number;
    readonly resourceRequirements?: readonly { readonly type?: string; readonly value?: string }[];
  };
  readonly nodeProperties?: { readonly numNodes?: number };
  readonly arrayProperties?: { readonly size?: number; readonly index?: number };
}

/** A Batch job name as the submitter makes it: letters, digits, '-' and '_', at most 128 characters. */
export const batchJobNamePrefix = (runId: string) => `${runId.replace(/[^A-Za-z0-9_-]/g, '-')}-`;

const NAME = /^(\d+)-(.+?)(?:-shot-(\d+))?$/;

function vcpusOf(job: BatchJobDetail, fallback: number): number {
  const requirement = job.container?.resourceRequirements?.find((r) => r.type === 'VCPU')?.value;
  const vcpus = requirement === undefined ? job.container?.vcpus : Number(requirement);
  return vcpus !== undefined && vcpus > 0 ? vcpus : fallback;
}

/**
 * Every attempt of a run's Batch jobs as the ledger prices it, from DescribeJobs: iteration, task
 * and shot from the job's name (`<runId>-<k>-<task>[-shot-<n>]`, see services/submitter
 * jobSubmissions), its wall time from the attempt's start and stop. Every attempt but a succeeded
 * job's last one failed. Array parents (which run nothing themselves) and attempts that never
 * started are left out; an array child's shot is not in its name (null: the ledger takes it from
 * the timings file with the child's job id).
 *
 * @example
 * ledgerAttemptsOfJobs('r1', [{ jobName: 'r1-1-gradient-shot-3', status: 'SUCCEEDED',
 *   attempts: [{ startedAt: 0, stoppedAt: 4000 }, { startedAt: 5000, stoppedAt: 9000 }] }], 2);
 * // [{ iteration: 1, task: 'gradient', shot: 3, attempt: 1, failed: true, wall_s: 4, vcpus: 2, nodes: 1 }, …]
 */
export function ledgerAttemptsOfJobs(
  runId: string,
  jobs: readonly BatchJobDetail[],
  defaultVcpus: number,
): LedgerAttempt[] {
  const prefix = batchJobNamePrefix(runId);
  const attempts: LedgerAttempt[] = [];
  for (const job of jobs) {
    const name = job.jobName ?? '';
    const parsed = name.startsWith(prefix) ? NAME.exec(name.slice(prefix.length)) : null;
    const isArrayParent = job.arrayProperties?.size !== undefined && job.arrayProperties.index === undefined;
    if (parsed === null || isArrayParent) continue;
    const [, k = '0', task = '', shot] = parsed;
    const list = job.attempts ?? [];
    list.forEach((attempt, i) => {
      if (attempt.startedAt === undefined || attempt.stoppedAt === undefined) return;
      attempts.push({
        iteration: Number(k),
        task,
        shot: shot === undefined ? null : Number(shot),
        attempt: i + 1,
        failed: !(job.status === 'SUCCEEDED' && i === list.length - 1),
        wall_s: Math.max(0, attempt.stoppedAt - attempt.startedAt) / 1000,
        vcpus: vcpusOf(job, defaultVcpus),
        nodes: job.nodeProperties?.numNodes ?? 1,
        ...(job.jobId === undefined ? {} : { job_id: job.jobId }),
      });
    });
  }
  return attempts.sort((a, b) => a.iteration - b.iteration || a.task.localeCompare(b.task));
}
