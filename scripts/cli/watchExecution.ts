import { DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import type { RunSpec } from '@seisless/core';
import type { CliDeps } from './deps';
import { environmentErrorIn } from './environmentError';
import { formatProgress, readProgress } from './progress';
import type { CloudSession } from './session';

/** Polls an execution until it ends, showing the run's progress on stderr; resolves to its last description. */
export async function watchExecution(
  session: CloudSession,
  executionArn: string,
  run: { runId: string; spec: RunSpec },
  deps: CliDeps,
): Promise<DescribeExecutionCommandOutput> {
  const started = deps.now().getTime();
  let shown = '';
  for (;;) {
    const execution = await session.sfn.send(new DescribeExecutionCommand({ executionArn }));
    let line = shown;
    try {
      line = formatProgress(await readProgress(session, run.runId, run.spec));
    } catch (error) {
      // Progress is best effort (an object may be mid-write); the execution status decides. But a
      // cloud that stopped answering would leave the execution waiting forever: say so and stop.
      if (environmentErrorIn(error) !== undefined) throw error;
    }
    const elapsed = Math.round((deps.now().getTime() - started) / 1000);
    if (deps.interactive) deps.stderr(`\r\x1b[2K[${elapsed}s] ${line}`);
    else if (line !== shown) deps.stderr(`[${elapsed}s] ${line}\n`);
    shown = line;
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      if (deps.interactive) deps.stderr('\n');
      return execution;
    }
    await deps.sleep(session.pollSeconds * 1000);
  }
}
