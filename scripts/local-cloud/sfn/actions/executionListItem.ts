import { type Execution, seconds } from '../store';

/** An execution as ListExecutions lists it; DescribeExecution answers these fields and more. */
export function executionListItem(execution: Execution) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    startDate: seconds(execution.startDate),
    stopDate: seconds(execution.stopDate),
  };
}
