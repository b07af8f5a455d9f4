import { describeError } from './describeError';

/** The fields of an SQS record that a visibility change needs. */
export interface ReceivedRecord {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly eventSourceARN: string;
  readonly attributes: { readonly ApproximateReceiveCount?: string };
}

/** One entry of a ChangeMessageVisibilityBatch call. */
export interface VisibilityChange {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly visibilityTimeoutS: number;
}

/** A visibility change the queue refused (an expired receipt handle, say). */
export interface RefusedChange {
  readonly messageId: string;
  readonly name: string;
  readonly message: string;
}

/** The queue port: changes the visibility of received messages and lists the changes it refused. */
export type ChangeVisibility = (
  queueArn: string,
  changes: readonly VisibilityChange[],
) => Promise<RefusedChange[]>;

/** What the reset did, for the log line. */
export interface VisibilityResetResult {
  readonly reset: number;
  readonly refused: RefusedChange[];
}

/**
 * Seconds until a failed record comes back: at once after its first receive, then 1, 3, 7 … s
 * (capped at `maxS`), so that a persistent S3 problem is not hammered while a one-off failure
 * costs nothing.
 *
 * @example
 * retryVisibilityS(1, 6); // 0
 * retryVisibilityS(3, 6); // 3
 */
export function retryVisibilityS(receiveCount: number, maxS: number): number {
  const n = Number.isFinite(receiveCount) && receiveCount >= 1 ? Math.floor(receiveCount) : 1;
  return Math.min(2 ** (n - 1) - 1, maxS);
}

/**
 * Makes the records that the handler reports as failed visible again now (or after a short
 * backoff) instead of after the queue's visibility timeout, so a failure the handler sees does not
 * block its FIFO group for long. Never throws: when a change fails, the record still comes back
 * after the visibility timeout, so the failure is only reported.
 *
 * @example
 * await resetVisibility(event.Records, ['m-3'], changeVisibility, 6);
 */
export async function resetVisibility(
  records: readonly ReceivedRecord[],
  failedIds: readonly string[],
  change: ChangeVisibility,
  maxS: number,
): Promise<VisibilityResetResult> {
  const failedSet = new Set(failedIds);
  const byQueue = new Map<string, VisibilityChange[]>();
  for (const record of records.filter((r) => failedSet.has(r.messageId))) {
    const receives = Number(record.attributes.ApproximateReceiveCount ?? '1');
    const changes = byQueue.get(record.eventSourceARN) ?? [];
    changes.push({
      messageId: record.messageId,
      receiptHandle: record.receiptHandle,
      visibilityTimeoutS: retryVisibilityS(receives, maxS),
    });
    byQueue.set(record.eventSourceARN, changes);
  }
  const outcomes = await Promise.all(
    [...byQueue].map(async ([queueArn, changes]): Promise<RefusedChange[]> => {
      try {
        return await change(queueArn, changes);
      } catch (error) {
        return changes.map((c) => ({ messageId: c.messageId, ...describeError(error) }));
      }
    }),
  );
  const refused = outcomes.flat();
  const changed = [...byQueue.values()].reduce((n, changes) => n + changes.length, 0);
  return { reset: changed - refused.length, refused };
}
