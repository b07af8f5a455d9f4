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
  /** The invocation's request id, when logged. */
  readonly requestId?: string;
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
  const requestId = entry.function_request_id ?? entry.requestId;
  return {
    at,
    ...(typeof requestId === 'string' && { requestId }),
    counts: entry.counts as ReduceLogLine['counts'],
    groups,
  };
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

/** Request ids of the invocations the runtime reported failed (`<requestId>\tERROR\t…` lines). */
function failedRequests(log: string): Set<string> {
  return new Set([...log.matchAll(/(?:^|\t)([0-9a-f-]{36})\tERROR\t/gm)].map((m) => m[1] as string));
}

/**
 * Per failed delivery of a chunk, the time to that chunk's next merge of the redelivered records,
 * from the reducer's log, as CloudWatch Logs would show it:
 *
 * - a crash before the handler leaves no `reduce` line: its records come back with receives > 1,
 *   first received after the chunk's last logged delivery; it failed at that first receive;
 * - a crash after the handler (or a timeout) leaves the line of a merge the queue never heard of,
 *   and the runtime's ERROR line with the same request id; it failed at that line;
 * - a failure the handler reports itself is a line with the group not merged.
 *
 * The failure is over at the next line that merged the group with redelivered records (receives >
 * 1). Failures in a row count once, from the first.
 *
 * @example
 * crashRecoveries(reducerLog); // [{ chunk: 'demo/1/chunk-0', crashed_at, merged_at, recovery_s: 6.4, receives: 2 }]
 */
export function crashRecoveries(log: string): CrashRecovery[] {
  const crashedAfter = failedRequests(log);
  const rows: CrashRecovery[] = [];
  const lastLogged = new Map<string, number>();
  const failedSince = new Map<string, number>();
  for (const line of reduceLogLines(log)) {
    const crashed = line.requestId !== undefined && crashedAfter.has(line.requestId);
    for (const g of line.groups) {
      const since = g.redeliveredSince;
      if (g.receives > 1 && since !== undefined && since > (lastLogged.get(g.group) ?? -Infinity))
        failedSince.set(g.group, failedSince.get(g.group) ?? since);
      const open = failedSince.get(g.group);
      if (!g.merged) failedSince.set(g.group, open ?? line.at);
      else if (open !== undefined && g.receives > 1) {
        const recovery_s = Math.round(line.at - open) / 1000;
        rows.push({ chunk: g.group, crashed_at: open, merged_at: line.at, recovery_s, receives: g.receives });
        failedSince.delete(g.group);
      }
      if (crashed) failedSince.set(g.group, failedSince.get(g.group) ?? line.at);
      lastLogged.set(g.group, line.at);
    }
  }
  return rows.sort((a, b) => a.crashed_at - b.crashed_at);
}
