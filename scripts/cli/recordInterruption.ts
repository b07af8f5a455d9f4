import {
  type ObjectStore,
  type RunState,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
} from '@seisless/core';

/**
 * Records in the run's state that the CLI was interrupted (Ctrl-C) while the run was under way on
 * the local cloud, which stops with the CLI: `seisless status` then says so and how to continue,
 * rather than showing a run that is no longer running as RUNNING. A run that has already ended is
 * left as it is.
 */
export async function recordInterruption(store: ObjectStore, runId: string, now: () => Date): Promise<void> {
  const key = runKeys(runId).state;
  const state = await readContractOrUndefined(store, key, runStateSchema);
  if (state === undefined || state.status !== 'RUNNING') return;
  const iteration = Math.min(state.completedIterations + 1, state.iterations);
  const interrupted: RunState = {
    ...state,
    status: 'FAILED',
    updatedAt: now().toISOString(),
    error: {
      Error: 'Interrupted',
      Cause:
        `seisless was interrupted (SIGINT) during iteration ${iteration} of ${state.iterations} and stopped the ` +
        `local cloud; continue with \`seisless resume ${runId}\``,
    },
  };
  await store.putJson(key, interrupted);
}
