import { DescribeExecutionCommand, type ExecutionListItem, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import type { CloudSession } from './session';

/**
 * A RUNNING execution of the imaging state machine for this run, if there is one (ListExecutions,
 * paginated; execution names start with `<runId>-`, and the input's runId settles names that merely
 * share the prefix). A second execution of a running run would submit its jobs twice.
 */
export async function runningExecution(
  session: CloudSession,
  runId: string,
): Promise<ExecutionListItem | undefined> {
  const stateMachineArn = await session.stateMachineArn();
  let nextToken: string | undefined;
  do {
    const page = await session.sfn.send(
      new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING', nextToken }),
    );
    for (const execution of page.executions ?? []) {
      if (execution.name?.startsWith(`${runId}-`) && (await inputRunId(session, execution)) === runId)
        return execution;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return undefined;
}

async function inputRunId(session: CloudSession, execution: ExecutionListItem): Promise<string | undefined> {
  const described = await session.sfn.send(
    new DescribeExecutionCommand({ executionArn: execution.executionArn }),
  );
  try {
    return (JSON.parse(described.input ?? '{}') as { runId?: string }).runId;
  } catch {
    return undefined;
  }
}
