/** One reducer crash (or other failed delivery) and how long its chunk waited for the next merge. */
export interface CrashRecovery {
  /** The FIFO group, `{runId}/{iteration}/chunk-{c}`. */
  readonly chunk: string;
  /** Epoch ms of the failed delivery. */
  readonly crashed_at: number;
  /** Epoch ms of the chunk's next successful merge (the reducer's log line). */
  readonly merged_at: number;
  /** merged_at − crashed_at (s). */
  readonly recovery_s: number;
  /** Receive count of the chunk's records at that merge (2: merged on the first redelivery). */
  readonly receives: number;
}

/** How one delivery of a chunk went (the reducer's `groups` log field). */
export interface GroupDelivery {
  readonly group: string;
  readonly receives: number;
  readonly redeliveredSince?: number;
  readonly merged: boolean;
}

/** One `reduce` log line of the reducer: Powertools JSON (`message`) or the older `event` form. */
export interface ReduceLogLine {
  /** Epoch ms the line was written (the end of the invocation's merge). */
  readonly at: number;
  readonly counts?: Readonly<Record<string, number>>;
  readonly groups: readonly GroupDelivery[];
}

function parseLine(text: string): ReduceLogLine | undefined {
  if (!text.startsWith('{')) return undefined;
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (entry.message !== 'reduce' && entry.event !== 'reduce') return undefined;
  const at = typeof entry.at === 'number' ? entry.at : Date.parse(String(entry.timestamp));
  const groups = Array.isArray(entry.groups) ? (entry.groups as GroupDelivery[]) : [];
  return { at, counts: entry.counts as ReduceLogLine['counts'], groups };
}

/**
 * The `reduce` lines of a reducer log, oldest first (START/END/REPORT and other lines skipped).
 *
 * @example
 * reduceLogLines(readFileSync('.seisless/lambda/logs/seisless-gradient-reducer-local-reduce.log', 'utf8'));
 */
export function reduceLogLines(log: string): ReduceLogLine[] {
  const lines = log.split('\n').map(parseLine);
  return lines.filter((l): l is ReduceLogLine => l !== undefined).sort((a, b) => a.at - b.at);
}

/**
 * Per failed delivery of a chunk, the time to that chunk's next successful merge, from the reducer's
 * log. A delivery whose records were received before followed a failed one; that failure happened
 * at the later of their latest first receive and the chunk's previous logged delivery (a crash
 * before the handler leaves no line; one after it leaves the line of a merge that the queue never
 * heard of). A failure the handler logged itself (not merged) counts from its line. Failures in a
 * row count once, from the first.
 *
 * @example
 * crashRecoveries(reducerLog); // [{ chunk: 'demo/1/chunk-0', crashed_at, merged_at, recovery_s: 6.4, receives: 2 }]
 */
export function crashRecoveries(log: string): CrashRecovery[] {
  const rows: CrashRecovery[] = [];
  const lastSeen = new Map<string, number>();
  const failedSince = new Map<string, number>();
  for (const line of reduceLogLines(log)) {
    for (const g of line.groups) {
      if (g.receives > 1 && !failedSince.has(g.group)) {
        const failedAt = Math.max(g.redeliveredSince ?? -Infinity, lastSeen.get(g.group) ?? -Infinity);
        if (Number.isFinite(failedAt)) failedSince.set(g.group, failedAt);
      }
      const since = failedSince.get(g.group);
      if (g.merged && since !== undefined) {
        const recovery_s = Math.round(line.at - since) / 1000;
        rows.push({
          chunk: g.group,
          crashed_at: since,
          merged_at: line.at,
          recovery_s,
          receives: g.receives,
        });
        failedSince.delete(g.group);
      } else if (!g.merged && since === undefined) failedSince.set(g.group, line.at);
      lastSeen.set(g.group, line.at);
    }
  }
  return rows.sort((a, b) => a.crashed_at - b.crashed_at);
}
