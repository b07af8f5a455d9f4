import { TransientError } from '@seisless/core';

/** A record the queue must deliver again, and why. */
export interface RecordFailure {
  readonly messageId: string;
  readonly error: unknown;
}

/**
 * Splits a batch into its FIFO groups, keeping arrival order within a group.
 *
 * @example
 * splitByGroup(event.Records, groupKeyOf); // [[a1, a2], [b1]]
 */
export function splitByGroup<R>(records: readonly R[], groupOf: (record: R) => string): R[][] {
  const groups = new Map<string, R[]>();
  for (const record of records) {
    const key = groupOf(record);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [record]);
    else group.push(record);
  }
  return [...groups.values()];
}

/** The error of a record that waits behind a failed one of its FIFO group. */
export function blockedBy(messageId: string, failedMessageId: string): TransientError {
  return new TransientError(
    `message ${messageId}: an earlier message of its FIFO group (${failedMessageId}) failed; expected it to be retried first`,
  );
}

/**
 * Runs `handle` on each record of one FIFO group in order. The first failure fails that record
 * and every later one (they are not attempted), so SQS redelivers them in order.
 */
export async function processInOrder<R extends { readonly messageId: string }>(
  records: readonly R[],
  handle: (record: R) => Promise<void>,
): Promise<RecordFailure[]> {
  for (const [index, record] of records.entries()) {
    try {
      await handle(record);
    } catch (error) {
      const later = records
        .slice(index + 1)
        .map((r) => ({ messageId: r.messageId, error: blockedBy(r.messageId, record.messageId) }));
      return [{ messageId: record.messageId, error }, ...later];
    }
  }
  return [];
}

/** The `batchItemFailures` of a Lambda SQS response. */
export function batchItemFailures(failures: readonly RecordFailure[]): { itemIdentifier: string }[] {
  return failures.map((f) => ({ itemIdentifier: f.messageId }));
}
