import type { JobTimeout, RetryStrategy } from '@aws-sdk/client-batch';
import type { RunSpec } from '@seisless/core';

type Compute = RunSpec['compute'];

/**
 * How Batch retries a job: spot reclaims and host failures (`Host EC2*`) are retried, bad input
 * (exit code 2, jobs.md) ends the job at once, anything else is retried, up to `retries` attempts.
 */
export function retryStrategy(compute: Compute): RetryStrategy {
  return {
    attempts: compute.retries,
    evaluateOnExit: [
      { onStatusReason: 'Host EC2*', action: 'RETRY' },
      { onExitCode: '2', action: 'EXIT' },
      { onReason: '*', action: 'RETRY' },
    ],
  };
}

/** The per-attempt timeout (for an array job, per child). */
export function jobTimeout(compute: Compute): JobTimeout {
  return { attemptDurationSeconds: compute.timeoutS };
}

/**
 * When the jobs must have finished (epoch ms): every attempt may use its whole timeout, plus the
 * slack and the time allowed for waiting in the queue.
 *
 * @example
 * jobsDeadline(0, { retries: 3, timeoutS: 600 }, { deadlineSlackS: 300, queueAllowanceS: 3600 })
 * // 3 * 600 * 1000 + 300 * 1000 + 3600 * 1000
 */
export function jobsDeadline(
  submittedAt: number,
  compute: Pick<Compute, 'retries' | 'timeoutS'>,
  allowances: { deadlineSlackS: number; queueAllowanceS: number },
): number {
  const attempts = compute.retries * compute.timeoutS;
  return submittedAt + (attempts + allowances.deadlineSlackS + allowances.queueAllowanceS) * 1000;
}
