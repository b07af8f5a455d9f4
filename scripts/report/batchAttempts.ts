import { computeTasks } from '@seisless/core';
import type { LedgerAttempt } from './ledgerTypes';

/** The parts of a Batch JobDetail (DescribeJobs) the ledger reads. */
export interface BatchJobDetail {
  readonly jobId?: string;
  readonly jobName?: string;
  readonly status?: string;
  /** When the job's current attempt started (epoch ms); its attempt is listed once it stops. */
  readonly startedAt?: number;
  readonly attempts?: readonly { readonly startedAt?: number; readonly stoppedAt?: number }[];
  readonly container?: {
    readonly vcpus?: number;
    readonly resourceRequirements?: readonly { readonly type?: string; readonly value?: string }[];
  };
  readonly nodeProperties?: { readonly numNodes?: number };
  readonly arrayProperties?: { readonly size?: number; readonly index?: number };
  /** The submitter tags every job with its run (`seisless:run`), propagated to its children. */
  readonly tags?: Readonly<Record<string, string>>;
}

/** A Batch job name as the submitter makes it: letters, digits, '-' and '_', at most 128 characters. */
export const batchJobNamePrefix = (runId: string) => `${runId.replace(/[^A-Za-z0-9_-]/g, '-')}-`;

/**
 * `<k>-<task>[-<trial>][-shot-<n>]` after the run's prefix. The task is one of the compute tasks, so
 * that the jobs of a run whose id extends this one's (`r1-2` beside `r1`) do not parse.
 */
const NAME = new RegExp(`^(\\d+)-((?:${computeTasks.join('|')})(?:-\\d+)?)(?:-shot-(\\d+))?$`);

/** Whether `job` is one of run `runId`'s: its run tag when it has one, else its name. */
function parseRunJob(runId: string, job: BatchJobDetail): RegExpExecArray | null {
  const tagged = job.tags?.['seisless:run'];
  if (tagged !== undefined && tagged !== runId) return null;
  const name = job.jobName ?? '';
  const prefix = batchJobNamePrefix(runId);
  return name.startsWith(prefix) ? NAME.exec(name.slice(prefix.length)) : null;
}

function vcpusOf(job: BatchJobDetail, fallback: number): number {
  const requirement = job.container?.resourceRequirements?.find((r) => r.type === 'VCPU')?.value;
  const vcpus = requirement === undefined ? job.container?.vcpus : Number(requirement);
  return vcpus !== undefined && vcpus > 0 ? vcpus : fallback;
}

/**
 * Every attempt of a run's Batch jobs as the ledger prices it, from DescribeJobs (the run's own:
 * its `seisless:run` tag, or for an untagged job its name): iteration, task and shot from the job's name (`<runId>-<k>-<task>[-shot-<n>]`, see services/submitter
 * jobSubmissions), its wall time from the attempt's start and stop. Every attempt but a succeeded
 * job's last one failed. Array parents (which run nothing themselves) and attempts that never
 * started are left out; an array child's shot is not in its name (null: the ledger takes it from
 * the timings file with the child's job id). A job still STARTING or RUNNING has its current
 * attempt priced from its `startedAt` up to `now` (epoch ms), marked `running`.
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
  now: number = Date.now(),
): LedgerAttempt[] {
  const attempts: LedgerAttempt[] = [];
  for (const job of jobs) {
    const parsed = parseRunJob(runId, job);
    const isArrayParent = job.arrayProperties?.size !== undefined && job.arrayProperties.index === undefined;
    if (parsed === null || isArrayParent) continue;
    const [, k = '0', task = '', shot] = parsed;
    const list = job.attempts ?? [];
    const priced = (i: number, startedAt: number, stoppedAt: number, failed: boolean) => ({
      iteration: Number(k),
      task,
      shot: shot === undefined ? null : Number(shot),
      attempt: i + 1,
      failed,
      wall_s: Math.max(0, stoppedAt - startedAt) / 1000,
      vcpus: vcpusOf(job, defaultVcpus),
      nodes: job.nodeProperties?.numNodes ?? 1,
      ...(job.jobId === undefined ? {} : { job_id: job.jobId }),
    });
    list.forEach((attempt, i) => {
      if (attempt.startedAt === undefined || attempt.stoppedAt === undefined) return;
      attempts.push(
        priced(
          i,
          attempt.startedAt,
          attempt.stoppedAt,
          !(job.status === 'SUCCEEDED' && i === list.length - 1),
        ),
      );
    });
    // Batch's startedAt may be the first attempt's: the current one began after the last stopped.
    const running = job.status === 'STARTING' || job.status === 'RUNNING';
    const since = Math.max(job.startedAt ?? Number.NaN, list.at(-1)?.stoppedAt ?? 0);
    if (running && Number.isFinite(since))
      attempts.push({ ...priced(list.length, since, now, false), running: true });
  }
  return attempts.sort((a, b) => a.iteration - b.iteration || a.task.localeCompare(b.task));
}
