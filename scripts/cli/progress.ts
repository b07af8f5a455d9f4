import {
  ACCUMULATOR_METADATA,
  chunkCount,
  type RunSpec,
  type RunState,
  readContractOrUndefined,
  runKeys,
  runStateSchema,
  s3BlobStore,
  shotCount,
  taskFileSchema,
} from '@seisless/core';
import type { CloudSession } from './session';

/** Where a run is, as far as S3 tells: the numbers the progress line shows. */
export interface Progress {
  readonly state: RunState | undefined;
  /** 0 while inputs (model, observed data) are prepared, else the iteration under way (1…N). */
  readonly iteration: number;
  readonly iterations: number;
  readonly shotsDone: number;
  readonly shotsExpected: number;
  /**
   * Σ shots summed over every chunk accumulator, of the messages the batch sends: chunkCount ×
   * batch size, or with apertures Σ of each shot's chunks (`reduction.shotChunks`).
   */
  readonly reduced: number;
  readonly reducedExpected: number;
}

/** The batch size of one iteration: every shot for RTM. */
export function batchSizeOf(spec: RunSpec): number {
  return spec.algorithm.kind === 'rtm' ? shotCount(spec) : spec.algorithm.batchSize;
}

/** Σ of the accumulators' shot counts (their metadata; one gone since the listing counts 0). */
async function summedShots(session: CloudSession, keys: readonly string[]): Promise<number> {
  const blobs = s3BlobStore(session.s3);
  const counts = await Promise.all(
    keys.map(async (key) => {
      const head = await blobs.head({ bucket: session.bucket, key });
      return Number(head?.metadata[ACCUMULATOR_METADATA.count] ?? 0);
    }),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** Reads a run's progress from its state, its gradient objects and its accumulators' manifests. */
export async function readProgress(session: CloudSession, runId: string, spec: RunSpec): Promise<Progress> {
  const keys = runKeys(runId);
  const state = await readContractOrUndefined(session.store, keys.state, runStateSchema);
  const iterations = state?.iterations ?? (spec.algorithm.kind === 'rtm' ? 1 : spec.algorithm.iterations);
  const k = Math.min((state?.completedIterations ?? 0) + 1, iterations);
  const gradients = (await session.store.list(keys.gradientsPrefix(k))).filter((o) => o.key.endsWith('.npy'));
  const batch = batchSizeOf(spec);
  const chunks = chunkCount(spec.model.shape, spec.reduction.chunkSize);
  if (gradients.length === 0 && (state?.completedIterations ?? 0) === 0) {
    const shots = (await session.store.list(keys.dataPrefix)).filter((o) => o.key.endsWith('.npy'));
    if (shots.length < shotCount(spec) && 'synthetic' in spec.observed) {
      return {
        state,
        iteration: 0,
        iterations,
        shotsDone: shots.length,
        shotsExpected: shotCount(spec),
        reduced: 0,
        reducedExpected: 0,
      };
    }
  }
  const accumulators = (await session.store.list(keys.accumulatorsPrefix(k))).map((o) => o.key);
  const [reduced, task] = await Promise.all([
    summedShots(session, accumulators),
    readContractOrUndefined(session.store, keys.task(k, 'gradient'), taskFileSchema),
  ]);
  const ranges = task?.reduction?.shotChunks;
  return {
    state,
    iteration: k,
    iterations,
    shotsDone: gradients.length,
    shotsExpected: batch,
    reduced,
    reducedExpected:
      ranges === undefined ? chunks * batch : ranges.reduce((sum, [first, end]) => sum + end - first, 0),
  };
}

const formatObjective = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : value.toExponential(4);

/** One progress line, e.g. `iteration 2/3 · gradients 3/4 · reduced 6/8 · objective 1.2345e+2`. */
export function formatProgress(progress: Progress): string {
  if (progress.state === undefined) return 'starting the run';
  if (progress.iteration === 0)
    return `preparing inputs · observed shots ${progress.shotsDone}/${progress.shotsExpected}`;
  const objectives = progress.state.objectives;
  const last = objectives.length === 0 ? undefined : objectives[objectives.length - 1];
  const parts = [
    `iteration ${progress.iteration}/${progress.iterations}`,
    `gradients ${progress.shotsDone}/${progress.shotsExpected}`,
    `reduced ${progress.reduced}/${progress.reducedExpected}`,
  ];
  if (objectives.length > 0)
    parts.push(`objective ${formatObjective(last)} (iteration ${objectives.length})`);
  return parts.join(' · ');
}
