import type { SfnAction } from './context';
import { executionListItem } from './executionListItem';

export const DescribeExecution: SfnAction = (input, { store }) => {
  const execution = store.execution(input.executionArn);
  return {
    ...executionListItem(execution),
    input: execution.input,
    inputDetails: { included: true },
    output: execution.output,
    outputDetails: execution.output === undefined ? undefined : { included: true },
    error: execution.error,
    cause: execution.cause,
  };
};
