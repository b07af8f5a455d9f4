import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http';
import { seconds } from '../store';
import type { SfnAction } from './context';

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

function parseInput(input: unknown): string {
  const text = input === undefined ? '{}' : String(input);
  try {
    JSON.parse(text);
  } catch {
    throw new ApiError(
      400,
      'InvalidExecutionInput',
      `Invalid State Machine Execution Input: '${text.slice(0, 100)}'`,
    );
  }
  return text;
}

/** StartExecution: starts a Standard execution; the same name and input again returns the same execution. */
export const StartExecution: SfnAction = (input, { store, runner }) => {
  const machine = store.machine(input.stateMachineArn);
  const name = input.name === undefined ? randomUUID() : String(input.name);
  if (!NAME.test(name)) throw new ApiError(400, 'InvalidName', `Invalid Name: '${name}'`);
  const text = parseInput(input.input);
  const existing = store.executions.get(`${machine.arn.replace(':stateMachine:', ':execution:')}:${name}`);
  if (existing) {
    if (existing.input !== text || existing.status !== 'RUNNING') {
      throw new ApiError(
        400,
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${existing.executionArn}'`,
      );
    }
    return { executionArn: existing.executionArn, startDate: seconds(existing.startDate) };
  }
  const execution = runner.start(machine, name, text);
  return { executionArn: execution.executionArn, startDate: seconds(execution.startDate) };
};
