import { TransientError } from '@seisless/core';
import type { RecordOutcome } from './reduceGroup';

/**
 * How an invocation retries a FIFO group whose merge hit a transient failure (S3 SlowDown, 5xx,
 * no response, a stale conditional write): a few quick attempts with full jitter, and only while
 * the invocation's deadline leaves room for one more, so a slow S3 never turns into a timeout
 * (a timeout would hold the group for the whole visibility timeout).
 */
export interface RetryPolicy {
  /** Attempts after the first. */
  readonly retries: number;
  /** The n-th retry waits a uniformly random time in [0, baseDelayMs × 2^n). */
  readonly baseDelayMs: number;
  /** Milliseconds kept free before the deadline (the visibility reset and the response). */
  readonly reserveMs: number;
  /** Milliseconds left before the invocation's deadline. */
  readonly remainingMs: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1). */
  readonly random: () => number;
}

/** The index of the first failed outcome whose failure a retry may fix, or -1. */
function retryableFailure(outcomes: readonly RecordOutcome[]): number {
  const first = outcomes.findIndex((o) => o.kind === 'failed');
  const outcome = outcomes[first];
  return outcome?.kind === 'failed' && outcome.error instanceof TransientError ? first : -1;
}

/**
 * Runs `attempt` on a FIFO group's records and retries the failed tail (the first failed record
 * and every later one, in order) while the failure is transient and time remains. The records
 * before the failure keep their outcomes: their merge was committed, and a retry re-reads the
 * accumulator, so nothing is summed twice.
 *
 * @example
 * const outcomes = await withGroupRetries(records, (rs) => reduceGroup(rs, deps), policy);
 */
export async function withGroupRetries<R>(
  records: readonly R[],
  attempt: (records: readonly R[]) => Promise<RecordOutcome[]>,
  policy: RetryPolicy,
): Promise<RecordOutcome[]> {
  let started = policy.remainingMs();
  let outcomes = await attempt(records);
  for (let retry = 0; retry < policy.retries; retry += 1) {
    const first = retryableFailure(outcomes);
    if (first === -1) break;
    const attemptMs = started - policy.remainingMs();
    const delayMs = policy.random() * policy.baseDelayMs * 2 ** retry;
    if (policy.remainingMs() < delayMs + attemptMs + policy.reserveMs) break;
    await policy.sleep(delayMs);
    started = policy.remainingMs();
    outcomes = [...outcomes.slice(0, first), ...(await attempt(records.slice(first)))];
  }
  return outcomes;
}
