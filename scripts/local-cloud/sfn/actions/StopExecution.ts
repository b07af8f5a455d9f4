import type { SfnAction } from './context';

/** StopExecution: aborts a running execution (ABORTED), recording the given error and cause. */
export const StopExecution: SfnAction = (input, { store }) => {
  const execution = store.execution(input.executionArn);
  execution.abort(input.error as string | undefined, input.cause as string | undefined);
  return { stopDate: (execution.stopDate ?? Date.now()) / 1000 };
};
