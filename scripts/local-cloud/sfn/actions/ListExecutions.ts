import type { SfnAction } from './context';
import { executionListItem } from './executionListItem';

/** ListExecutions: the executions of a state machine, newest first, optionally by status. */
export const ListExecutions: SfnAction = (input, { store }) => {
  const machine = store.machine(input.stateMachineArn);
  const executions = [...store.executions.values()]
    .filter((execution) => execution.stateMachineArn === machine.arn)
    .filter((execution) => input.statusFilter === undefined || execution.status === input.statusFilter)
    .sort((a, b) => b.startDate - a.startDate)
    .map(executionListItem);
  return { executions };
};
