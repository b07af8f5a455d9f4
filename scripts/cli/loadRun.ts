import { InputError, type RunSpec, type RunState, runKeys } from '@seisless/core';
import type { CloudSession } from './session';

/** A run's state and spec from S3, or an InputError saying the run is not in this stage. */
export async function loadRun(
  session: CloudSession,
  runId: string,
): Promise<{ state: RunState; spec: RunSpec }> {
  const keys = runKeys(runId);
  const state = await session.store.getJsonOrUndefined<RunState>(keys.state);
  if (state === undefined) {
    const where = session.kind === 'aws' ? `stage '${session.stage}'` : 'the local cloud (.seisless/)';
    throw new InputError(
      `run '${runId}' not found in ${where}: no s3://${session.bucket}/${keys.state}; check the run id, --aws and --stage`,
    );
  }
  return { state, spec: await session.store.getJson<RunSpec>(keys.spec) };
}
