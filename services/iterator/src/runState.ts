import { iterationCount, type ObjectStore, type RunSpec, type RunState, runKeys } from '@seisless/core';

/** A fresh run state for a validated spec. */
export function initialRunState(runId: string, spec: RunSpec, now: Date): RunState {
  return {
    runId,
    status: 'RUNNING',
    algorithm: spec.algorithm.kind,
    iterations: iterationCount(spec.algorithm),
    completedIterations: 0,
    objectives: [],
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
}

/** Reads, changes and writes back a run's state (one writer at a time: the state machine is sequential). */
export async function updateRunState(
  store: ObjectStore,
  runId: string,
  change: (state: RunState) => RunState,
): Promise<RunState> {
  const key = runKeys(runId).state;
  const next = change(await store.getJson<RunState>(key));
  await store.putJson(key, next);
  return next;
}
