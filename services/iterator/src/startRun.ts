import {
  assertPreflightPassed,
  backgroundKey,
  iterationCount,
  type ObjectBytes,
  type ObjectStore,
  type PreflightReport,
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
  /** Where the pre-submission checks' warnings are logged (each is also kept in the run state). */
  readonly warn?: (warning: string) => void;
}

/** How a run state's warnings mark the pre-submission checks' lines (an iteration's are `iteration k: `). */
export const SPEC_WARNING_PREFIX = 'spec: ';

/**
 * Validates and checks (preflightRunSpec) a new spec, or loads the stored one, writes the run
 * state, and tells the state machine what is left to do: inputs to model, observed data to
 * synthesise, the iteration to start from.
 */
export async function startRun(input: StartRunInput, deps: StartRunDeps): Promise<RunContext> {
  const keys = runKeys(input.runId);
  const { spec, report } = await storedOrNewSpec(input, deps);
  const existing = await readContractOrUndefined(deps.store, keys.state, runStateSchema);
  const state =
    existing === undefined || !input.resume
      ? await freshState(input.runId, spec, report, deps)
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

/**
 * A new run's state, with the pre-submission checks' warnings (dispersion, sampling, what could
 * not be checked) for `status` to show, and logged. A spec stored before the run (the S3-started
 * path, a repeated run id) is checked here: its checks' report does not travel with the execution.
 */
async function freshState(
  runId: string,
  spec: RunSpec,
  checked: PreflightReport | undefined,
  deps: StartRunDeps,
): Promise<RunState> {
  const report = checked ?? (await preflightRunSpec(spec, deps.objects));
  assertPreflightPassed(report, runKeys(runId).spec);
  for (const warning of report.warnings) deps.warn?.(warning);
  const state = initialRunState(runId, spec, deps.now());
  return { ...state, warnings: report.warnings.map((w) => `${SPEC_WARNING_PREFIX}${w}`) };
}

/** The run's spec, and the checks' report when it is new (checked before anything is written). */
async function storedOrNewSpec(
  input: StartRunInput,
  deps: StartRunDeps,
): Promise<{ spec: RunSpec; report?: PreflightReport }> {
  const { store } = deps;
  const key = runKeys(input.runId).spec;
  const stored = await store.getJsonOrUndefined<unknown>(key);
  if (input.spec === null || input.spec === undefined) {
    if (stored === undefined)
      throw new SeislessError(`${key}: no such object; expected a run spec for run '${input.runId}'`);
    return { spec: validateRunSpec(stored, key) };
  }
  const spec = validateRunSpec(input.spec, 'spec');
  if (stored !== undefined && JSON.stringify(validateRunSpec(stored, key)) !== JSON.stringify(spec)) {
    throw new SeislessError(
      `${key}: run '${input.runId}' already exists with a different spec; expected a new runId`,
    );
  }
  if (stored !== undefined) return { spec };
  // Every check that can be made before a job runs, before anything is written.
  const report = await preflightRunSpec(spec, deps.objects);
  assertPreflightPassed(report, 'spec');
  // The state goes first, so the S3 trigger on spec.json sees a run already under way.
  await store.putJson(runKeys(input.runId).state, initialRunState(input.runId, spec, new Date()));
  await store.putJson(key, spec);
  return { spec, report };
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
