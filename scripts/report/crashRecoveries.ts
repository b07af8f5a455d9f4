/** One reducer crash (or other failed delivery) and how long its chunk waited for the next merge. */
export interface CrashRecovery {
  /** The FIFO group, `{runId}/{iteration}/chunk-{c}`. */
  readonly chunk: string;
  /** Epoch ms of the failed delivery (the redelivered records' first receive). */
  readonly crashed_at: number;
  /** Epoch ms of the chunk's next successful merge (the reducer's log line). */
  readonly merged_at: number;
  /** merged_at − crashed_at (s). */
  readonly recovery_s: number;
  /** Receives the records needed. */
  readonly receives: number;
}

/** One `reduce` log line of the reducer: Powertools JSON (`message`) or the older `event` form. */
export interface ReduceLogLine {
  readonly at: number;
  readonly counts?: Readonly<Record<string, number>>;
  readonly redelivered: readonly {
    group: string;
    firstReceivedAt: number;
    receives: number;
    merged: boolean;
  }[];
}

/**
 * The `reduce` lines of a reducer log (other lines, e.g. START/END/REPORT, are skipped).
 *
 * @example
 * reduceLogLines(readFileSync('.seisless/lambda/logs/seisless-gradient-reducer-local-reduce.log', 'utf8'));
 */
export function reduceLogLines(log: string): ReduceLogLine[] {
  const lines: ReduceLogLine[] = [];
  for (const text of log.split('\n')) {
    if (!text.startsWith('{')) continue;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (entry.message !== 'reduce' && entry.event !== 'reduce') continue;
    const at = typeof entry.at === 'number' ? entry.at : Date.parse(String(entry.timestamp));
    const redelivered = Array.isArray(entry.redelivered) ? entry.redelivered : [];
    lines.push({ at, counts: entry.counts as ReduceLogLine['counts'], redelivered });
  }
  return lines;
}

/**
 * Per failed delivery of a chunk, the time to that chunk's next successful merge, from the
 * reducer's log lines (their `redelivered` groups). A group that failed several times in a row
 * counts once, from its first failed delivery.
 *
 * @example
 * crashRecoveries(reducerLog); // [{ chunk: 'demo/1/chunk-0', crashed_at, merged_at, recovery_s: 6.4, receives: 2 }]
 */
export function crashRecoveries(log: string): CrashRecovery[] {
  const rows = new Map<string, CrashRecovery>();
  for (const line of reduceLogLines(log)) {
    for (const r of line.redelivered) {
      const key = `${r.group}@${r.firstReceivedAt}`;
      const seen = rows.get(key);
      if (!r.merged || !Number.isFinite(line.at) || (seen && seen.merged_at <= line.at)) continue;
      rows.set(key, {
        chunk: r.group,
        crashed_at: r.firstReceivedAt,
        merged_at: line.at,
        recovery_s: Math.round(line.at - r.firstReceivedAt) / 1000,
        receives: r.receives,
      });
    }
  }
  return [...rows.values()].sort((a, b) => a.crashed_at - b.crashed_at);
}
