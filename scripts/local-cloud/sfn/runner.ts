import './../polyfills';
import { ConfigError } from '@seisless/core';
import type { StateMachine } from 'aws-local-stepfunctions';
import type { InvokeResult } from '../lambda/service';
import type { StateMachineDef } from '../wiring/model';
import { type EngineEvent, HistoryLog } from './history';
import type { Execution, SfnStore } from './store';
import { taskHandler, taskStates } from './tasks';

type Dict = Record<string, unknown>;
type Definition = ConstructorParameters<typeof StateMachine>[0];

export interface RunnerDeps {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  has: (functionName: string) => boolean;
  /** The configured timeout (s) of a function, when it is known. */
  timeoutOf: (functionName: string) => number | undefined;
}

/** Lambda's maximum timeout: the bound for Task states whose function is chosen at run time. */
const LAMBDA_MAX_TIMEOUT_S = 900;

/**
 * A copy of the definition in which every Task without `TimeoutSeconds` gets its function's timeout
 * (plus a margin) instead of the engine's 60 s default, so the function's own timeout decides.
 */
function withTaskTimeouts(definition: Dict, deps: RunnerDeps): Dict {
  const copy = structuredClone(definition);
  for (const state of taskStates(copy).values()) {
    if (state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined) continue;
    const name = /:function:([^:]+)/.exec(String(state.Resource))?.[1];
    state.TimeoutSeconds = (name ? (deps.timeoutOf(name) ?? LAMBDA_MAX_TIMEOUT_S) : LAMBDA_MAX_TIMEOUT_S) + 5;
  }
  return copy;
}

/** Runs executions of the wired state machines with aws-local-stepfunctions, Tasks on local Lambda. */
export class SfnRunner {
  private readonly engines = new Map<string, { engine: StateMachine; definition: Dict }>();

  constructor(
    private readonly store: SfnStore,
    private readonly deps: RunnerDeps,
  ) {
    for (const machine of store.machines.values()) this.engines.set(machine.arn, this.compile(machine));
  }

  private compile(machine: StateMachineDef): { engine: StateMachine; definition: Dict } {
    const definition = withTaskTimeouts(machine.definition, this.deps);
    try {
      return { engine: new StateMachine(definition as unknown as Definition), definition };
    } catch (error) {
      throw new ConfigError(`state machine ${machine.name} (${machine.source}): ${(error as Error).message}`);
    }
  }

  start(machine: StateMachineDef, name: string, input: string): Execution {
    const compiled = this.engines.get(machine.arn);
    if (!compiled) throw new ConfigError(`state machine ${machine.name} is not loaded`);
    const executionArn = machine.arn.replace(':stateMachine:', ':execution:') + `:${name}`;
    const execution = { executionArn, stateMachineArn: machine.arn, name, status: 'RUNNING', startDate: Date.now() };
    const events: Execution['events'] = [];
    const history = new HistoryLog(events);
    const handlers: Record<string, (input: never) => Promise<never>> = {};
    for (const [stateName, state] of taskStates(compiled.definition)) {
      handlers[stateName] = taskHandler(stateName, state, { ...this.deps, history }) as never;
    }
    const context = {
      Execution: { Id: executionArn, Name: name, StartTime: new Date(execution.startDate).toISOString() },
      StateMachine: { Id: machine.arn, Name: machine.name },
    };
    const run = compiled.engine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers: handlers },
      context,
      noThrowOnAbort: true,
    });
    const record: Execution = { ...execution, status: 'RUNNING', input, events, done: Promise.resolve(), abort: () => {} };
    let stopRequest: { error?: string; cause?: string } | undefined;
    record.abort = (error, cause) => {
      if (record.status !== 'RUNNING' || stopRequest) return;
      stopRequest = { error, cause };
      run.abort();
    };
    const consumed = (async () => {
      for await (const event of run.eventLogs) history.record(event as EngineEvent);
    })();
    record.done = settle(record, run.result, consumed, history, () => stopRequest);
    this.store.executions.set(executionArn, record);
    return record;
  }
}

async function settle(
  record: Execution,
  result: Promise<unknown>,
  consumed: Promise<void>,
  history: HistoryLog,
  stopRequest: () => { error?: string; cause?: string } | undefined,
): Promise<void> {
  const outcome = await result.then(
    (output) => ({ output }),
    (error: unknown) => ({ error }),
  );
  await consumed.catch(() => undefined);
  record.stopDate = Date.now();
  const stopped = stopRequest();
  if (stopped) {
    Object.assign(record, { status: 'ABORTED', error: stopped.error, cause: stopped.cause });
    history.add('ExecutionAborted', { executionAbortedEventDetails: { error: stopped.error, cause: stopped.cause } });
  } else if ('output' in outcome) {
    Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(outcome.output ?? null) });
  } else if (outcome.error instanceof ExecutionTimeoutError) {
    Object.assign(record, { status: 'TIMED_OUT', error: 'States.Timeout' });
  } else {
    const cause = outcome.error instanceof ExecutionError ? (outcome.error.cause as Error) : (outcome.error as Error);
    Object.assign(record, { status: 'FAILED', error: cause?.name ?? 'States.Runtime', cause: cause?.message });
  }
}
