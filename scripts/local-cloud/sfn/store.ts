import { ApiError } from '../http';
import type { StateMachineDef } from '../wiring/model';
import { TaskTokens } from './taskTokens';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One entry of GetExecutionHistory (details keyed as the API keys them). */
export interface HistoryEvent {
  id: number;
  previousEventId: number;
  timestamp: number;
  type: string;
  [details: string]: unknown;
}

export interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  /** Epoch ms. */
  startDate: number;
  stopDate?: number;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  events: HistoryEvent[];
  /** Settles when the execution stops. */
  done: Promise<void>;
  abort(error?: string, cause?: string): void;
}

/** State machines (from the wiring) and their executions, kept in memory. */
export class SfnStore {
  readonly machines = new Map<string, StateMachineDef>();
  readonly executions = new Map<string, Execution>();
  /** Task tokens of `.waitForTaskToken` Tasks, open and closed. */
  readonly tokens = new TaskTokens();

  constructor(machines: StateMachineDef[]) {
    for (const machine of machines) this.machines.set(machine.arn, machine);
  }

  machine(arn: unknown): StateMachineDef {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) {
      throw new ApiError(400, 'InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const machine = this.machines.get(arn);
    if (!machine)
      throw new ApiError(400, 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  execution(arn: unknown): Execution {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) {
      throw new ApiError(400, 'InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const execution = this.executions.get(arn);
    if (!execution) throw new ApiError(400, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  /** Stops every running execution (local cloud shutdown). */
  async abortAll(): Promise<void> {
    const running = [...this.executions.values()].filter((execution) => execution.status === 'RUNNING');
    for (const execution of running) execution.abort('LocalCloudStopped', 'The local cloud was stopped');
    await Promise.all(running.map((execution) => execution.done));
  }
}

/** Epoch seconds (with ms) as the JSON 1.0 protocol sends timestamps. */
export const seconds = (ms: number | undefined): number | undefined =>
  ms === undefined ? undefined : ms / 1000;
