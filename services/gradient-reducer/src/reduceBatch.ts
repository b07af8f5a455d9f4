import { batchItemFailures, type RecordFailure, splitByGroup } from './fifoBatch';
import { type RetryPolicy, withGroupRetries } from './groupRetries';
import { groupKeyOf, type QueueRecord } from './queueRecord';
import { type RecordOutcome, type ReduceDeps, reduceGroup } from './reduceGroup';

/** The merge's ports, and how to retry a group's transient failures (none when absent). */
export interface ReduceBatchDeps extends ReduceDeps {
  readonly retry?: RetryPolicy;
}

/** The Lambda response plus what happened, for the log line. */
export interface ReduceBatchResult {
  readonly batchItemFailures: { itemIdentifier: string }[];
  readonly counts: Readonly<Record<RecordOutcome['kind'], number>>;
  readonly failures: RecordFailure[];
  readonly rejections: { messageId: string; reason: string; error: unknown }[];
}

async function reduceGroupSafely(
  records: readonly QueueRecord[],
  deps: ReduceBatchDeps,
): Promise<RecordOutcome[]> {
  const attempt = (rs: readonly QueueRecord[]) => reduceGroup(rs, deps);
  try {
    return deps.retry === undefined
      ? await attempt(records)
      : await withGroupRetries(records, attempt, deps.retry);
  } catch (error) {
    // reduceGroup reports failures per record; this only guards against a bug escaping it.
    return records.map((r) => ({ messageId: r.messageId, kind: 'failed', error }));
  }
}

/**
 * Reduces one SQS batch: splits it by FIFO group (one accumulator each), merges the groups in
 * parallel (retrying a group's transient failures while `deps.retry` allows), and returns the
 * records to redeliver as `batchItemFailures`.
 *
 * @example
 * const { batchItemFailures } = await reduceBatch(event.Records, { store, bucket, now: () => new Date() });
 */
export async function reduceBatch(
  records: readonly QueueRecord[],
  deps: ReduceBatchDeps,
): Promise<ReduceBatchResult> {
  const groups = splitByGroup(records, groupKeyOf);
  const outcomes = (await Promise.all(groups.map((group) => reduceGroupSafely(group, deps)))).flat();
  const counts = { added: 0, skipped: 0, rejected: 0, failed: 0 };
  const failures: RecordFailure[] = [];
  const rejections: ReduceBatchResult['rejections'] = [];
  for (const outcome of outcomes) {
    counts[outcome.kind] += 1;
    if (outcome.kind === 'failed') failures.push({ messageId: outcome.messageId, error: outcome.error });
    if (outcome.kind === 'rejected') rejections.push(outcome);
  }
  return { batchItemFailures: batchItemFailures(failures), counts, failures, rejections };
}
