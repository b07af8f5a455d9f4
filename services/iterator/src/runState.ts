import {
  iterationCount,
  type ObjectStore,
  type RunSpec,
  type RunState,
  readContract,
  runKeys,
  runStateSchema,
} from '@seisless/core';

/** A fresh run state for a validated spec. */
export function initialRunState(runId: string, spec: RunSpec, now: Date): RunState {
  return {
    runId,
    status: 'RUNNING',
    algorithm: spec.algorithm.kind,
    iterations: iterationCount(spec.algorithm),
    completedIterations: 0,
    objectives: [],
    warnings: [],
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
  const next = change(await readContract(store, key, runStateSchema));
  await store.putJson(key, next);
  return next;
}

/**
 * The run's warnings with iteration k's replaced by `warnings` (a retried Update does not repeat
 * them), each line prefixed `iteration k: `.
 */
export function withIterationWarnings(
  current: readonly string[],
  k: number,
  warnings: readonly string[],
): string[] {
  const prefix = `iteration ${k}: `;
  return [...current.filter((line) => !line.startsWith(prefix)), ...warnings.map((w) => `${prefix}${w}`)];
}
