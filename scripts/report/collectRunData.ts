import {
  backgroundKey,
  InputError,
  type IterationSummary,
  iterationSummarySchema,
  type JobTimings,
  jobTimingsSchema,
  type ObjectStore,
  type RunSpec,
  type RunState,
  readContract,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
  validateRunSpec,
} from '@seisless/core';

/** What a run left in S3 that the report reads, each object checked against its contract. */
export interface RunData {
  readonly spec: RunSpec;
  readonly state: RunState;
  readonly summaries: IterationSummary[];
  readonly jobs: JobTimings[];
  /** Keys of the iterates x_k by iteration k. */
  readonly iterateKeys: ReadonlyMap<number, string>;
  /** Keys of the input models that exist (`model`, `background`). */
  readonly inputKeys: ReadonlyMap<string, string>;
}

const ITERATION_FILE = /\/iterations\/(\d+)\/(summary\.json|model\.npy|timings\/[^/]+\.json)$/;

/** Reads a run's spec, state, iteration summaries, job timings and the keys of its arrays. */
export async function collectRunData(store: ObjectStore, runId: string): Promise<RunData> {
  const keys = runKeys(runId);
  const state = await readContractOrUndefined(store, keys.state, runStateSchema);
  if (state === undefined) {
    throw new InputError(
      `run '${runId}' not found: no ${keys.state} in this stage's bucket; check the run id and --aws/--stage`,
    );
  }
  const spec = validateRunSpec(await store.getJson(keys.spec), keys.spec);
  const listing = await store.list(keys.iterationsPrefix);
  const summaryKeys: string[] = [];
  const timingKeys: string[] = [];
  const iterateKeys = new Map<number, string>();
  for (const { key } of listing) {
    const match = ITERATION_FILE.exec(key);
    if (match === null) continue;
    const [, k, file = ''] = match;
    if (file === 'summary.json') summaryKeys.push(key);
    else if (file === 'model.npy') iterateKeys.set(Number(k), key);
    else timingKeys.push(key);
  }
  const [summaries, jobs] = await Promise.all([
    Promise.all(summaryKeys.map((key) => readContract(store, key, iterationSummarySchema))),
    Promise.all(timingKeys.map((key) => readContract(store, key, jobTimingsSchema))),
  ]);
  const inputKeys = new Map<string, string>();
  // A background given by key (spec.background.key) is read from there, like the jobs do.
  for (const [name, key] of [
    ['model', keys.input('model')],
    ['background', backgroundKey(spec, runId)],
  ] as const) {
    if (await store.exists(key)) inputKeys.set(name, key);
  }
  summaries.sort((a, b) => a.k - b.k);
  return { spec, state, summaries, jobs, iterateKeys, inputKeys };
}
