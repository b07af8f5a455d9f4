import { groupKeyOf, type QueueRecord } from './queueRecord';

/** How one delivery of a FIFO group (one chunk) went, for the log line. */
export interface GroupDelivery {
  readonly group: string;
  /** The highest receive count among the group's records: > 1 after a failed delivery. */
  readonly receives: number;
  /**
   * Epoch ms: the latest first receive among the records received before (receives > 1); absent
   * when none was. The failed delivery happened at or after it.
   */
  readonly redeliveredSince?: number;
  /** Whether every record of the group was merged (added or skipped). */
  readonly merged: boolean;
}

/**
 * Each FIFO group of a batch with its receive count and outcome. The run report reads them from
 * the log to time each crash (or other failed delivery) to the chunk's next merge
 * (scripts/report/crashRecoveries.ts), as one would with CloudWatch Logs Insights on AWS.
 *
 * @example
 * groupDeliveries(event.Records, ['m-2']); // [{ group: 'demo/1/chunk-0', receives: 2, redeliveredSince: 1733454000000, merged: false }]
 */
export function groupDeliveries(
  records: readonly QueueRecord[],
  failedIds: readonly string[],
): GroupDelivery[] {
  const failed = new Set(failedIds);
  const groups = new Map<string, { receives: number; since?: number; merged: boolean }>();
  for (const record of records) {
    const group = groupKeyOf(record);
    const entry = groups.get(group) ?? { receives: 0, merged: true };
    const receives = Number(record.attributes.ApproximateReceiveCount ?? '1') || 1;
    const firstReceivedAt = Number(record.attributes.ApproximateFirstReceiveTimestamp);
    entry.receives = Math.max(entry.receives, receives);
    if (receives > 1 && Number.isFinite(firstReceivedAt))
      entry.since = Math.max(entry.since ?? firstReceivedAt, firstReceivedAt);
    entry.merged &&= !failed.has(record.messageId);
    groups.set(group, entry);
  }
  return [...groups].map(([group, { receives, since, merged }]) => ({
    group,
    receives,
    ...(since === undefined ? {} : { redeliveredSince: since }),
    merged,
  }));
}
