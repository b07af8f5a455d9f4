import type { InvokeResult } from '../lambda/service';
import { engineTimeoutMs, heartbeatSeconds, withoutSecondsFields } from './taskSeconds';
import { functionNameOf, invocationError, invocationRefusal, lambdaTarget, type TaskDeps } from './tasks';
import type { TaskTokens, TokenOwner, TokenWaiter } from './taskTokens';

type Dict = Record<string, unknown>;
type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface CallbackDeps extends TaskDeps {
  tokens: TaskTokens;
  owner: TokenOwner;
  /** The token the state's Parameters just read as `$$.Task.Token`, if they read it. */
  takeToken: () => string | undefined;
  /** False once the execution has stopped. */
  running: () => boolean;
}

/** How history events name an optimised `lambda:invoke.waitForTaskToken` call. */
const RESOURCE = { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' } as const;

/** Node's longest timer (~24.8 days); a longer delay would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const named = (name: string | undefined, message = '', more: Dict = {}): Error =>
  Object.assign(new Error(message), { name, ...more });

/** Neither retried nor caught: the engine only unwinds the execution that stopped with it. */
const unwinding = (): Error =>
  named('States.Runtime', 'The execution stopped', { isRetryable: false, isCatchable: false });

/**
 * The local handler of a `lambda:invoke.waitForTaskToken` Task: invokes the function with the
 * Payload (its result is ignored unless it fails), then waits for SendTaskSuccess/SendTaskFailure on
 * the token, a missing heartbeat (States.HeartbeatTimeout) or the state's timeout (States.Timeout,
 * raised by the engine itself).
 */
export function callbackTaskHandler(
  stateName: string,
  state: Dict,
  deps: CallbackDeps,
): (input: JsonValue) => Promise<JsonValue> {
  lambdaTarget(stateName, state.Resource);
  return (input) => {
    // Synchronous up to the timers: the token is the one the Parameters just read.
    const token = deps.takeToken() ?? deps.tokens.mint();
    if (!deps.running()) return Promise.reject(unwinding());
    const timeoutMs = engineTimeoutMs(state, input);
    // The engine fails the state with States.Runtime right after this call.
    if (timeoutMs === undefined) return new Promise<JsonValue>(() => undefined);
    const heartbeatS = heartbeatSeconds(state, input);
    if (heartbeatS === undefined) {
      const path = String(state.HeartbeatSecondsPath);
      return Promise.reject(named('States.Runtime', `HeartbeatSecondsPath '${path}' selects no integer ≥ 1`));
    }
    return new Promise<JsonValue>((resolve, reject) => {
      const task = new CallbackTask(token, deps, { resolve, reject }, { timeoutMs, heartbeatS });
      task.start(withoutSecondsFields(input));
    });
  };
}

interface Settle {
  resolve: (output: JsonValue) => void;
  reject: (error: Error) => void;
}

/** One entry of a callback Task: its token, its timers and its history events. */
class CallbackTask {
  private ended = false;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private readonly timeoutTimer: NodeJS.Timeout;

  constructor(
    private readonly token: string,
    private readonly deps: CallbackDeps,
    private readonly settle: Settle,
    private readonly limits: { timeoutMs: number; heartbeatS: number | null },
  ) {
    deps.tokens.open(token, deps.owner, this.waiter());
    // The engine sets its own timer with the same delay right after this call; same delay, created
    // first, so this one fires first: it records the timeout and closes the token, and the engine's
    // fails the state with its States.Timeout (which States.TaskFailed does not match).
    this.timeoutTimer = setTimeout(() => this.end(() => this.timedOut('States.Timeout')), limits.timeoutMs);
    this.beat();
  }

  /** Records the call and invokes the function; a failure it cannot report otherwise fails the task. */
  start(input: JsonValue): void {
    this.call(input).catch((error: unknown) =>
      this.failWith(error instanceof Error ? error : named('States.Runtime', String(error))),
    );
  }

  private async call(input: JsonValue): Promise<void> {
    // Let the engine's StateEntered event reach the history first.
    await new Promise((resolve) => setImmediate(resolve));
    if (this.ended) return;
    const { history } = this.deps;
    const { timeoutMs, heartbeatS } = this.limits;
    history.add('TaskScheduled', {
      taskScheduledEventDetails: {
        ...RESOURCE,
        region: this.deps.owner.stateMachineArn.split(':')[3],
        parameters: JSON.stringify(input),
        timeoutInSeconds: timeoutMs / 1000,
        ...(heartbeatS === null ? {} : { heartbeatInSeconds: heartbeatS }),
      },
    });
    history.add('TaskStarted', { taskStartedEventDetails: { ...RESOURCE } });
    const result = await this.invoke(input as Dict | null);
    if (this.ended) return;
    if (!result.ok) return this.failWith(result.error);
    const output = { ExecutedVersion: '$LATEST', Payload: result.payload, StatusCode: 200 };
    history.add('TaskSubmitted', {
      taskSubmittedEventDetails: {
        ...RESOURCE,
        output: JSON.stringify(output),
        outputDetails: { truncated: false },
      },
    });
  }

  private async invoke(
    input: Dict | null,
  ): Promise<{ ok: true; payload: unknown } | { ok: false; error: Error }> {
    const functionName = functionNameOf(input?.FunctionName);
    const refusal = await invocationRefusal(functionName, this.deps);
    if (refusal) return { ok: false, error: refusal };
    const result: InvokeResult = await this.deps.invoke(functionName, input?.Payload ?? {});
    return result.ok ? result : { ok: false, error: invocationError(result) };
  }

  private waiter(): TokenWaiter {
    return {
      succeed: (output) =>
        this.end(() => {
          this.deps.history.add('TaskSucceeded', {
            taskSucceededEventDetails: {
              ...RESOURCE,
              output: JSON.stringify(output),
              outputDetails: { truncated: false },
            },
          });
          this.settle.resolve(output as JsonValue);
        }),
      fail: (error, cause) => this.failWith(named(error, cause)),
      heartbeat: () => this.beat(),
      abandon: () => this.end(() => this.settle.reject(unwinding())),
    };
  }

  /** (Re)starts the heartbeat clock, when the state has HeartbeatSeconds. */
  private beat(): void {
    if (this.limits.heartbeatS === null || this.ended) return;
    clearTimeout(this.heartbeatTimer);
    const ms = Math.min(this.limits.heartbeatS * 1000, MAX_TIMER_MS);
    this.heartbeatTimer = setTimeout(
      () =>
        this.end(() => {
          this.timedOut('States.HeartbeatTimeout');
          this.settle.reject(named('States.HeartbeatTimeout'));
        }),
      ms,
    );
  }

  private failWith(error: Error): void {
    this.end(() => {
      const details = { ...RESOURCE, error: error.name, cause: error.message || undefined };
      this.deps.history.add('TaskFailed', { taskFailedEventDetails: details });
      this.settle.reject(error);
    });
  }

  private timedOut(error: string): void {
    this.deps.history.add('TaskTimedOut', { taskTimedOutEventDetails: { ...RESOURCE, error } });
  }

  /** Ends the task once: timers stopped, token closed, then `outcome`. */
  private end(outcome: () => void): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timeoutTimer);
    clearTimeout(this.heartbeatTimer);
    this.deps.tokens.close(this.token);
    outcome();
  }
}
