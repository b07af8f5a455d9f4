import {
  type LineSearchState,
  lineSearchStateSchema,
  type ObjectStore,
  readContractOrUndefined,
  runKeys,
} from '@seisless/core';

// The contract lives in @seisless/core (docs/contracts/state-machine.md); the handler names the type from here.
export type { LineSearchState, StepDecision } from '@seisless/core';

/** Reads iteration k's state, or undefined on the iteration's first call. */
export async function readState(
  store: ObjectStore,
  runId: string,
  k: number,
): Promise<LineSearchState | undefined> {
  return readContractOrUndefined(store, runKeys(runId).lineSearchState(k), lineSearchStateSchema);
}

export async function writeState(store: ObjectStore, state: LineSearchState): Promise<void> {
  await store.putJson(runKeys(state.runId).lineSearchState(state.iteration), state);
}
