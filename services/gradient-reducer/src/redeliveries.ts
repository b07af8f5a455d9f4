import { groupKeyOf, type QueueRecord } from './queueRecord';

/** A FIFO group that came back after a failed delivery (a crash, a timeout, a reported failure). */
export interface Redelivery {
  readonly group: string;
  /** Epoch ms of the failed delivery: the earliest first receive of the group's redelivered records. */
  readonly firstReceivedAt: number;
  /** The highest receive count among them. */
  readonly receives: number;
  /** Whether every record of the group was merged (added or skipped) this time. */
  readonly merged: boolean;
}

/**
 * The groups of a batch that hold a redelivered record (receive count > 1), for the log line: the
 * run report turns them into "time from the failed delivery to the chunk's next merge", the
 * recovery time of a reducer crash (scripts/report/crashRecoveries.ts).
 *
 * @example
 * redeliveries(event.Records, ['m-2']); // [{ group: 'demo/1/chunk-0', firstReceivedAt, receives: 2, merged: false }]
 */
export function redeliveries(records: readonly QueueRecord[], failedIds: readonly string[]): Redelivery[] {
  const failed = new Set(failedIds);
  const groups = new Map<string, Redelivery>();
  for (const record of records) {
    const receives = Number(record.attributes.ApproximateReceiveCount ?? '1');
    const firstReceivedAt = Number(record.attributes.ApproximateFirstReceiveTimestamp);
    if (!(receives > 1) || !Number.isFinite(firstReceivedAt)) continue;
    const group = groupKeyOf(record);
    const seen = groups.get(group);
    groups.set(group, {
      group,
      firstReceivedAt: Math.min(firstReceivedAt, seen?.firstReceivedAt ?? firstReceivedAt),
      receives: Math.max(receives, seen?.receives ?? 0),
      merged: true,
    });
  }
  return [...groups.values()].map((g) => ({
    ...g,
    merged: !records.some((r) => failed.has(r.messageId) && groupKeyOf(r) === g.group),
  }));
}
