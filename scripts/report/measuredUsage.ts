import type { LambdaCompute } from './ledgerTypes';
import type { LambdaArchitecture } from './priceTable';

/** A function's configuration as the ledger needs it (CloudFormation's `MemorySize`, `Architectures`). */
export interface FunctionSize {
  readonly memoryMb: number;
  readonly architecture: LambdaArchitecture;
}

const REPORT_LINE =
  /^REPORT RequestId: \S+\s+Duration: ([\d.]+) ms(?:\s+Billed Duration: (\d+) ms)?(?:\s+Memory Size: (\d+) MB)?/gm;

/**
 * Lambda compute from functions' logs, as CloudWatch bills it: each `REPORT` line's billed
 * duration (its `Billed Duration`, else the duration rounded up to the millisecond, Lambda's
 * granularity) at the line's `Memory Size`, else the function's configured memory, on the
 * function's architecture (Lambda's default x86_64 when its configuration is unknown).
 *
 * @example
 * lambdaComputeOfLogs({ reduce: 'REPORT RequestId: a\tDuration: 12.30 ms\n' },
 *   { reduce: { memoryMb: 1024, architecture: 'arm64' } });
 * // { reduce: { billedMs: 13, memoryMb: 1024, architecture: 'arm64' } }
 */
export function lambdaComputeOfLogs(
  logs: Readonly<Record<string, string>>,
  functions: Readonly<Record<string, FunctionSize>>,
): Record<string, LambdaCompute> {
  const compute: Record<string, LambdaCompute> = {};
  for (const [name, text] of Object.entries(logs)) {
    let billedMs = 0;
    let memory = functions[name]?.memoryMb;
    for (const [, duration = '0', billed, size] of text.matchAll(REPORT_LINE)) {
      billedMs += billed === undefined ? Math.ceil(Number(duration)) : Number(billed);
      if (size !== undefined) memory = Number(size);
    }
    if (memory === undefined) continue;
    compute[name] = { billedMs, memoryMb: memory, architecture: functions[name]?.architecture ?? 'x86_64' };
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

/** The resource a callback task's history events name (`lambda:invoke.waitForTaskToken`). */
const CALLBACK_RESOURCE = 'invoke.waitForTaskToken';

type CallbackEvent = {
  readonly type?: string;
  readonly taskSucceededEventDetails?: { readonly resource?: string };
  readonly taskTimedOutEventDetails?: { readonly resource?: string };
};

/**
 * How the state machine's waits ended (docs/contracts/state-machine.md, "Waiting"): `woken` by a
 * signal (TaskSucceeded of a callback task), or `timedOut` at their bound (TaskTimedOut). A run
 * whose wake-ups all arrive has no timed-out wait.
 *
 * @example
 * callbackWaitsOf(events) // { woken: 8, timedOut: 0 }
 */
export function callbackWaitsOf(events: readonly CallbackEvent[]): { woken: number; timedOut: number } {
  const count = (type: string, details: (e: CallbackEvent) => { readonly resource?: string } | undefined) =>
    events.filter((e) => e.type === type && details(e)?.resource === CALLBACK_RESOURCE).length;
  return {
    woken: count('TaskSucceeded', (e) => e.taskSucceededEventDetails),
    timedOut: count('TaskTimedOut', (e) => e.taskTimedOutEventDetails),
  };
}
