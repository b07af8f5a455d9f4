import {
  assertPreflightPassed,
  backgroundKey,
  iterationCount,
  type ObjectBytes,
  type ObjectStore,
  preflightRunSpec,
  type RunContext,
  type RunSpec,
  type RunState,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
  SeislessError,
  shotCount,
  validateRunSpec,
} from '@seisless/core';
import { initialRunState } from './runState';
import { usesSparsify } from './sparseUpdate';

export interface StartRunInput {
  readonly runId: string;
  /** The spec when the run is new; null when it is already stored (S3-triggered start, resume). */
  readonly spec: unknown;
  readonly resume?: boolean;
}

/** What startRun reads and writes through. */
export interface StartRunDeps {
  readonly store: ObjectStore;
  readonly pollSeconds: number;
  readonly now: () => Date;
  /**
   * Ranged reads of the bucket, for the checks of the model objects a new spec names (header,
   * size, a sample of values). Without it those objects are not checked here.
   */
  readonly objects?: ObjectBytes;
}

/**
 * Validates and checks (preflightRunSpec) a new spec, or loads the stored one, writes the run
 * state, and tells the state machine what is left to do: inputs to model, observed data to
 * synthesise, the iteration to start from.
 */
export async function startRun(input: StartRunInput, deps: StartRunDeps): Promise<RunContext> {
  const keys = runKeys(input.runId);
  const spec = await storedOrNewSpec(input, deps);
  const existing = await readContractOrUndefined(deps.store, keys.state, runStateSchema);
  const state =
    existing === undefined || !input.resume
      ? initialRunState(input.runId, spec, deps.now())
      : resumed(existing, deps.now());
  await deps.store.putJson(keys.state, state);
  const [hasModel, hasBackground] = await Promise.all([
    deps.store.exists(keys.input('model')),
    deps.store.exists(backgroundKey(spec, input.runId)),
  ]);
  const done = state.completedIterations >= iterationCount(spec.algorithm);
  return {
    runId: input.runId,
    algorithm: spec.algorithm.kind,
    iteration: state.completedIterations + 1,
    iterations: iterationCount(spec.algorithm),
    needsModel: !(hasModel && hasBackground),
    needsObserved:
      'synthetic' in spec.observed && !(await hasAllShots(deps.store, input.runId, shotCount(spec))),
    pollSeconds: deps.pollSeconds,
    done,
    sparsify: usesSparsify(spec),
  };
}

async function storedOrNewSpec(input: StartRunInput, deps: StartRunDeps): Promise<RunSpec> {
  const { store } = deps;
  const key = runKeys(input.runId).spec;
  const stored = await store.getJsonOrUndefined<unknown>(key);
  if (input.spec === null || input.spec === undefined) {
    if (stored === undefined)
      throw new SeislessError(`${key}: no such object; expected a run spec for run '${input.runId}'`);
    return validateRunSpec(stored, key);
  }
  const spec = validateRunSpec(input.spec, 'spec');
  if (stored !== undefined && JSON.stringify(validateRunSpec(stored, key)) !== JSON.stringify(spec)) {
    throw new SeislessError(
      `${key}: run '${input.runId}' already exists with a different spec; expected a new runId`,
    );
  }
  if (stored === undefined) {
    // Every check that can be made before a job runs, before anything is written.
    assertPreflightPassed(await preflightRunSpec(spec, deps.objects), 'spec');
    // The state goes first, so the S3 trigger on spec.json sees a run already under way.
    await store.putJson(runKeys(input.runId).state, initialRunState(input.runId, spec, new Date()));
    await store.putJson(key, spec);
  }
  return spec;
}

function resumed(state: RunState, now: Date): RunState {
  const { error: _error, finishedAt: _finished, ...rest } = state;
  return { ...rest, status: 'RUNNING', updatedAt: now.toISOString() };
}

/**
 * Every shot's record AND its sidecar (dtMs) are stored. The observe job writes the record first,
 * so a job stopped between the two (an interrupted run) leaves a record the gradient jobs cannot read.
 */
async function hasAllShots(store: ObjectStore, runId: string, shots: number): Promise<boolean> {
  const keys = runKeys(runId);
  const listed = new Set((await store.list(keys.dataPrefix)).map((o) => o.key));
  for (let shot = 0; shot < shots; shot += 1) {
    if (!listed.has(keys.shotData(shot)) || !listed.has(keys.shotSidecar(shot))) return false;
  }
  return true;
}
