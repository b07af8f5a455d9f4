import type { MeasuredUsage } from './ledgerTypes';

type LambdaCompute = NonNullable<MeasuredUsage['lambdaCompute']>;

const REPORT_LINE =
  /^REPORT RequestId: \S+\s+Duration: ([\d.]+) ms(?:\s+Billed Duration: (\d+) ms)?(?:\s+Memory Size: (\d+) MB)?/gm;

/**
 * Lambda compute from functions' logs, as CloudWatch bills it: each `REPORT` line's billed
 * duration (its `Billed Duration`, else the duration rounded up to the millisecond, Lambda's
 * granularity) at the line's `Memory Size`, else the function's configured memory.
 *
 * @example
 * lambdaComputeOfLogs({ reduce: 'REPORT RequestId: a\tDuration: 12.30 ms\n' }, { reduce: 1024 });
 * // { reduce: { billedMs: 13, memoryMb: 1024 } }
 */
export function lambdaComputeOfLogs(
  logs: Readonly<Record<string, string>>,
  memoryMb: Readonly<Record<string, number>>,
): LambdaCompute {
  const compute: Record<string, { billedMs: number; memoryMb: number }> = {};
  for (const [name, text] of Object.entries(logs)) {
    let billedMs = 0;
    let memory = memoryMb[name];
    for (const [, duration = '0', billed, size] of text.matchAll(REPORT_LINE)) {
      billedMs += billed === undefined ? Math.ceil(Number(duration)) : Number(billed);
      if (size !== undefined) memory = Number(size);
    }
    if (memory === undefined) continue;
    compute[name] = { billedMs, memoryMb: memory };
  }
  return compute;
}

/**
 * Step Functions state transitions of an execution, as billed: one per state entered
 * (`…StateEntered` events of GetExecutionHistory, states inside Map iterations included).
 */
export function stateTransitionsOf(events: readonly { readonly type?: string }[]): number {
  return events.filter((event) => event.type?.endsWith('StateEntered') === true).length;
}
