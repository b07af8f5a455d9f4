import {
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  type SFNClient,
} from '@aws-sdk/client-sfn';
import { listedJobFailures, nextStep, resumeCanHelp } from './jobFailureAdvice';
import { errorLine } from './runFailedError';

/** Where and why an execution failed: the state (when the history tells) and its `{ Error, Cause }`. */
export interface ExecutionFailure {
  readonly state?: string;
  readonly error: { readonly Error?: string; readonly Cause?: string };
}

type ErrorDetails = { error?: string; cause?: string };

/** The error details of a failure event of a state (`lambdaFunctionFailedEventDetails`, `taskTimedOutEventDetails`, …). */
function stateFailure(event: HistoryEvent): ErrorDetails | undefined {
  for (const [key, value] of Object.entries(event)) {
    if (key === 'executionFailedEventDetails' || value === null || typeof value !== 'object') continue;
    if (/(Failed|TimedOut)EventDetails$/.test(key) && 'error' in value) return value as ErrorDetails;
  }
  return undefined;
}

/** The `$.error` a Catch put into a state's input (imaging.yml's `ResultPath: $.error`), if any. */
function caughtError(input: string | undefined): ExecutionFailure['error'] | undefined {
  try {
    const error = (JSON.parse(input ?? 'null') as { error?: unknown } | null)?.error as
      | { Error?: unknown; Cause?: unknown }
      | undefined;
    if (typeof error?.Error !== 'string') return undefined;
    return { Error: error.Error, ...(typeof error.Cause === 'string' ? { Cause: error.Cause } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * Reads an execution's history (oldest first) for the error that stopped it: the one the machine's
 * Catch caught (the first state entered with `$.error` in its input; what RecordFailure records),
 * named after the state whose failure it was; else the execution's own failure.
 */
export function failureFromHistory(events: readonly HistoryEvent[]): ExecutionFailure | undefined {
  let current: string | undefined;
  const failures: { state?: string; error: ErrorDetails }[] = [];
  for (const event of events) {
    const entered = event.stateEnteredEventDetails;
    if (entered !== undefined) {
      const caught = caughtError(entered.input);
      if (caught !== undefined) {
        const origin = failures.findLast((failure) => failure.error.error === caught.Error);
        const state = origin?.state ?? current;
        return { ...(state === undefined ? {} : { state }), error: caught };
      }
      current = entered.name;
    }
    const failure = stateFailure(event);
    if (failure !== undefined)
      failures.push({ ...(current === undefined ? {} : { state: current }), error: failure });
    const ended = event.executionFailedEventDetails;
    if (ended !== undefined) {
      return {
        ...(current === undefined ? {} : { state: current }),
        error: {
          ...(ended.error === undefined ? {} : { Error: ended.error }),
          ...(ended.cause === undefined ? {} : { Cause: ended.cause }),
        },
      };
    }
  }
  return undefined;
}

/** {@link failureFromHistory} of an execution, reading its whole history page by page. */
export async function executionFailure(
  sfn: SFNClient,
  executionArn: string,
): Promise<ExecutionFailure | undefined> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return failureFromHistory(events);
}

/**
 * `run <id> failed in StartRun: Lambda.AWSLambdaException: User: … is not authorized to perform: …`.
 * Failed jobs are listed with their reasons; when one refused its input or failed with an internal
 * error, the line ends with what to fix or report (a resume would fail the same way).
 */
export function failureLine(runId: string, status: string, failure: ExecutionFailure | undefined): string {
  const where = failure?.state === undefined ? '' : ` in ${failure.state}`;
  const listed = listedJobFailures(failure?.error).failures.length > 0;
  const advice =
    listed && !resumeCanHelp(runId, failure?.error) ? ` — ${nextStep(runId, failure?.error)}` : '';
  return `run ${runId} ${status.toLowerCase()}${where}: ${errorLine(failure?.error)}${advice}`;
}

/** The names `seisless run`/`resume` (`<runId>-[resume-]<yyyymmddHHMMss>`) and an S3 upload (`<runId>-<epoch ms>`) give a run's executions. */
export function isRunExecutionName(name: string, runId: string): boolean {
  if (!name.startsWith(`${runId}-`)) return false;
  return /^(resume-)?\d{13,14}$/.test(name.slice(runId.length + 1));
}

/** Pages of ListExecutions read before giving up (AWS lists newest first, so a recent run is on the first). */
const MAX_PAGES = 10;

/** The newest execution of a run, or undefined when the state machine has none (in its recent history). */
export async function latestRunExecution(
  sfn: SFNClient,
  stateMachineArn: string,
  runId: string,
): Promise<{ executionArn: string; name: string; status: string } | undefined> {
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const listed = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn, maxResults: 1000, ...(nextToken ? { nextToken } : {}) }),
    );
    const found = (listed.executions ?? [])
      .filter((execution) => isRunExecutionName(execution.name ?? '', runId))
      .sort((a, b) => (b.startDate?.getTime() ?? 0) - (a.startDate?.getTime() ?? 0))[0];
    if (found !== undefined) {
      return {
        executionArn: found.executionArn ?? '',
        name: found.name ?? '',
        status: found.status ?? 'UNKNOWN',
      };
    }
    nextToken = listed.nextToken;
    if (nextToken === undefined) return undefined;
  }
  return undefined;
}
