import { InputError, type ObjectStore, type RunSpec, type RunState, runKeys } from '@seisless/core';
import type { IterationSummary, JobTiming } from './reportTypes';

/** What a run left in S3 that the report reads. */
export interface RunData {
  readonly spec: RunSpec;
  readonly state: RunState;
  readonly summaries: IterationSummary[];
  readonly jobs: JobTiming[];
  readonly gradientCount: number;
  /** Keys of the iterates x_k by iteration k. */
  readonly iterateKeys: ReadonlyMap<number, string>;
  /** Keys of the input models that exist (`model`, `background`). */
  readonly inputKeys: ReadonlyMap<string, string>;
}

const ITERATION_FILE =
  /\/iterations\/(\d+)\/(summary\.json|model\.npy|timings\/[^/]+\.json|gradients\/[^/]+\.npy)$/;

/** Reads a run's spec, state, iteration summaries, job timings and the keys of its arrays. */
export async function collectRunData(store: ObjectStore, runId: string): Promise<RunData> {
  const keys = runKeys(runId);
  const state = await store.getJsonOrUndefined<RunState>(keys.state);
  if (state === undefined) {
    throw new InputError(
      `run '${runId}' not found: no ${keys.state} in this stage's bucket; check the run id and --aws/--stage`,
    );
  }
  const spec = await store.getJson<RunSpec>(keys.spec);
  const listing = await store.list(`${keys.root}/iterations/`);
  const summaryKeys: string[] = [];
  const timingKeys: { key: string; k: number }[] = [];
  const iterateKeys = new Map<number, string>();
  let gradientCount = 0;
  for (const { key } of listing) {
    const match = ITERATION_FILE.exec(key);
    if (match === null) continue;
    const [, k, file = ''] = match;
    if (file === 'summary.json') summaryKeys.push(key);
    else if (file === 'model.npy') iterateKeys.set(Number(k), key);
    else if (file.startsWith('timings/')) timingKeys.push({ key, k: Number(k) });
    else gradientCount += 1;
  }
  const [summaries, jobs] = await Promise.all([
    Promise.all(summaryKeys.map((k) => store.getJson<IterationSummary>(k))),
    Promise.all(
      timingKeys.map(async (t) => {
        const timing = await store.getJson<JobTiming>(t.key);
        return { ...timing, iteration: timing.iteration ?? t.k };
      }),
    ),
  ]);
  const inputKeys = new Map<string, string>();
  for (const name of ['model', 'background']) {
    if (await store.exists(keys.input(name))) inputKeys.set(name, keys.input(name));
  }
  summaries.sort((a, b) => a.k - b.k);
  return { spec, state, summaries, jobs, gradientCount, iterateKeys, inputKeys };
}
