import '../polyfills';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';
import type { InvokeResult } from '../lambda/service';
import { PROJECT_ROOT } from '../paths';
import type { StateMachineDef } from '../wiring/model';
import { type CallbackDeps, callbackTaskHandler } from './callbackTask';
import { type EngineEvent, HistoryLog } from './history';
import type { Execution, SfnStore } from './store';
import { routeSecondsPaths } from './taskSeconds';
import { lambdaTarget, type TaskDeps, taskHandler, taskStates } from './tasks';
import { TokenSlot } from './tokenSlot';

type Dict = Record<string, unknown>;
type EngineModule = typeof import('aws-local-stepfunctions');
type Engine = InstanceType<EngineModule['StateMachine']>;
type Definition = ConstructorParameters<EngineModule['StateMachine']>[0];
type Handlers = NonNullable<
  NonNullable<Parameters<Engine['run']>[1]>['overrides']
>['taskResourceLocalHandlers'];

export interface RunnerDeps {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  has: (functionName: string) => boolean;
  /** The configured timeout (s) of a function, when it is known. */
  timeoutOf: (functionName: string) => number | undefined;
  /** IAM: undefined when the machine's role may invoke the function, else the denial message. */
  authorizeInvoke?: (
    machine: StateMachineDef,
    execution: string,
    functionName: string,
  ) => Promise<string | undefined>;
}

/** Lambda's maximum timeout: the bound for Task states whose function is chosen at run time. */
const LAMBDA_MAX_TIMEOUT_S = 900;

/** An execution's longest life on AWS (a Standard workflow's maximum duration). */
const YEAR_S = 365 * 24 * 60 * 60;

/** Node's longest timer (~24.8 days) in whole seconds: the engine's timers cannot wait longer. */
const MAX_TIMER_S = Math.floor((2 ** 31 - 1) / 1000);

const CALLBACK = /\.waitForTaskToken$/;

/**
 * A copy of the definition in which every Task without `TimeoutSeconds` gets its function's timeout
 * (plus a margin) instead of the engine's 60 s default, so the function's own timeout decides. A
 * `.waitForTaskToken` Task waits as long as its execution may run, as on AWS: the definition's
 * `TimeoutSeconds` or a year, at most the ~24.8 days a Node timer can wait; its `…SecondsPath`
 * are resolved against the state's input, as on AWS (see routeSecondsPaths).
 */
export function withTaskTimeouts(definition: Dict, timeoutOf: (name: string) => number | undefined): Dict {
  // A JSON round trip, not structuredClone: under jest, structuredClone returns objects of the
  // outer realm, which the engine's plain-object test rejects, so nested Parameters such as
  // `gradients: { submittedAt.$: … }` were passed on unresolved.
  const copy = JSON.parse(JSON.stringify(definition)) as Dict;
  const executionLimitS = Math.min(Number(copy.TimeoutSeconds ?? YEAR_S), MAX_TIMER_S);
  for (const state of taskStates(copy).values()) {
    const callback = CALLBACK.test(String(state.Resource));
    if (callback) routeSecondsPaths(state);
    if (state.TimeoutSeconds !== undefined || state.TimeoutSecondsPath !== undefined) continue;
    if (callback) {
      state.TimeoutSeconds = executionLimitS;
      continue;
    }
    const name = /:function:([^:]+)/.exec(String(state.Resource))?.[1];
    state.TimeoutSeconds = (name ? (timeoutOf(name) ?? LAMBDA_MAX_TIMEOUT_S) : LAMBDA_MAX_TIMEOUT_S) + 5;
  }
  return copy;
}

/** Runs executions of the wired state machines with aws-local-stepfunctions, Tasks on local Lambda. */
export class SfnRunner {
  private constructor(
    private readonly engine: EngineModule,
    private readonly engines: Map<string, { engine: Engine; definition: Dict }>,
    private readonly store: SfnStore,
    private readonly deps: RunnerDeps,
  ) {}

  /** Loads the engine and validates every state machine (an invalid one fails start-up, naming it). */
  static async create(store: SfnStore, deps: RunnerDeps): Promise<SfnRunner> {
    // Loaded here, not at import time: it takes a while and start-up runs it while the children boot.
    await new Promise((resolve) => setImmediate(resolve));
    const engine = createRequire(join(PROJECT_ROOT, 'package.json'))(
      'aws-local-stepfunctions',
    ) as EngineModule;
    const engines = new Map<string, { engine: Engine; definition: Dict }>();
    for (const machine of store.machines.values()) {
      const definition = withTaskTimeouts(machine.definition, deps.timeoutOf);
      try {
        engines.set(machine.arn, {
          engine: new engine.StateMachine(definition as unknown as Definition),
          definition,
        });
      } catch (error) {
        throw new ConfigError(
          `state machine ${machine.name} (${machine.source}): ${(error as Error).message}`,
        );
      }
    }
    return new SfnRunner(engine, engines, store, deps);
  }

  start(machine: StateMachineDef, name: string, input: string): Execution {
    const compiled = this.engines.get(machine.arn);
    if (!compiled) throw new ConfigError(`state machine ${machine.name} is not loaded`);
    const record = newExecution(machine, name, input);
    const history = new HistoryLog(record.events);
    const { tokens } = this.store;
    const slot = new TokenSlot(() => tokens.mint());
    // Declared before run(): the engine enters the first state (and may call a handler) within it.
    let stopRequest: { error?: string; cause?: string } | undefined;
    const { authorizeInvoke } = this.deps;
    const authorize = authorizeInvoke && ((fn: string) => authorizeInvoke(machine, name, fn));
    const deps: TaskDeps = { ...this.deps, history, authorize };
    const callbackDeps: CallbackDeps = {
      ...deps,
      tokens,
      owner: { executionArn: record.executionArn, stateMachineArn: machine.arn },
      takeToken: () => slot.take(),
      running: () => record.status === 'RUNNING' && stopRequest === undefined,
    };
    const handlers: Handlers = {};
    for (const [stateName, state] of taskStates(compiled.definition)) {
      handlers[stateName] = lambdaTarget(stateName, state.Resource).callback
        ? callbackTaskHandler(stateName, state, callbackDeps)
        : withoutToken(slot, taskHandler(stateName, state, deps));
    }
    const run = compiled.engine.run(JSON.parse(input), {
      overrides: { taskResourceLocalHandlers: handlers },
      context: contextObject(machine, record, slot),
      noThrowOnAbort: true,
    });
    record.abort = (error, cause) => {
      if (record.status !== 'RUNNING' || stopRequest) return;
      stopRequest = { error, cause };
      run.abort();
    };
    const consumed = (async () => {
      for await (const event of run.eventLogs) history.record(event as EngineEvent);
    })();
    record.done = run.result
      .then(
        (output) => ({ output }),
        (error: unknown) => ({ error }),
      )
      .then(async (outcome) => {
        await consumed.catch(() => undefined);
        this.settle(record, outcome, history, stopRequest);
      });
    this.store.executions.set(record.executionArn, record);
    return record;
  }

  private settle(
    record: Execution,
    outcome: { output?: unknown; error?: unknown },
    history: HistoryLog,
    stop?: Dict,
  ): void {
    record.stopDate = Date.now();
    if (stop) {
      Object.assign(record, { status: 'ABORTED', error: stop.error, cause: stop.cause });
      history.add('ExecutionAborted', {
        executionAbortedEventDetails: { error: stop.error, cause: stop.cause },
      });
    } else if (!('error' in outcome)) {
      Object.assign(record, { status: 'SUCCEEDED', output: JSON.stringify(outcome.output ?? null) });
    } else if (outcome.error instanceof this.engine.ExecutionTimeoutError) {
      Object.assign(record, { status: 'TIMED_OUT', error: 'States.Timeout' });
    } else {
      const failure =
        outcome.error instanceof this.engine.ExecutionError ? outcome.error.cause : outcome.error;
      const cause = failure as Error | undefined;
      Object.assign(record, {
        status: 'FAILED',
        error: cause?.name ?? 'States.Runtime',
        cause: cause?.message,
      });
    }
    this.store.tokens.closeExecution(record.executionArn);
  }
}

/** A plain Lambda Task's handler: a token its Parameters read (`$$.Task.Token`) is not issued. */
function withoutToken<T, R>(slot: TokenSlot, handler: (input: T) => R): (input: T) => R {
  return (input) => {
    slot.take();
    return handler(input);
  };
}

/** The `$$` context object of an execution (`Task.Token`: see TokenSlot). */
function contextObject(machine: StateMachineDef, record: Execution, slot: TokenSlot) {
  return {
    Task: slot.context(),
    Execution: {
      Id: record.executionArn,
      Name: record.name,
      StartTime: new Date(record.startDate).toISOString(),
    },
    StateMachine: { Id: machine.arn, Name: machine.name },
  };
}

function newExecution(machine: StateMachineDef, name: string, input: string): Execution {
  return {
    executionArn: `${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`,
    stateMachineArn: machine.arn,
    name,
    status: 'RUNNING',
    startDate: Date.now(),
    input,
    events: [],
    done: Promise.resolve(),
    abort: () => undefined,
  };
}
