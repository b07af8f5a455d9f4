import {
  InputError,
  type RunSpec,
  type RunState,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
  SeislessError,
  validateRunSpec,
} from '@seisless/core';
import { executionFailure, failureLine, latestRunExecution } from './executionFailure';
import type { RecordedExecution } from './executionRecords';
import { RunFailedError } from './runFailedError';
import type { CloudSession } from './session';

/**
 * A run's state and spec from S3. Without a state: a RunFailedError with its execution's error
 * when the run failed before writing it (e.g. StartRun denied by IAM), else an error saying the
 * run is starting or is not in this stage.
 */
export async function loadRun(
  session: CloudSession,
  runId: string,
): Promise<{ state: RunState; spec: RunSpec }> {
  const keys = runKeys(runId);
  const state = await readContractOrUndefined(session.store, keys.state, runStateSchema);
  if (state === undefined) {
    await explainMissingState(session, runId);
    const where = session.kind === 'aws' ? `stage '${session.stage}'` : 'the local cloud (.seisless/)';
    throw new InputError(
      `run '${runId}' not found in ${where}: no s3://${session.bucket}/${keys.state}; check the run id, --aws and --stage`,
    );
  }
  return { state, spec: validateRunSpec(await session.store.getJson(keys.spec), keys.spec) };
}

/** Throws what the run's newest execution says when the run has no state yet; returns when it has none. */
export async function explainMissingState(session: CloudSession, runId: string): Promise<void> {
  const execution = (await liveExecution(session, runId)) ?? (await session.recordedExecution?.(runId));
  if (execution === undefined || execution.status === 'SUCCEEDED') return;
  if (execution.status === 'RUNNING') {
    throw new SeislessError(
      `run '${runId}' is starting: its execution ${execution.name} is RUNNING and has not written the run state yet`,
    );
  }
  throw new RunFailedError(failureLine(runId, execution.status, execution.failure));
}

/** The run's newest execution the state machine still lists, with its failure when it ended in one. */
async function liveExecution(session: CloudSession, runId: string): Promise<RecordedExecution | undefined> {
  try {
    const execution = await latestRunExecution(session.sfn, await session.stateMachineArn(), runId);
    if (execution === undefined || execution.status === 'RUNNING' || execution.status === 'SUCCEEDED')
      return execution;
    const failure = await executionFailure(session.sfn, execution.executionArn);
    return { ...execution, ...(failure === undefined ? {} : { failure }) };
  } catch {
    // Executions are a hint (a person may lack states:ListExecutions); "not found" still holds.
    return undefined;
  }
}
