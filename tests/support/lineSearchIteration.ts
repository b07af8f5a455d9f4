import {
  type AssembledGradientSummary,
  elementCount,
  type RunSpec,
  type RunSpecInput,
  runKeys,
  validateRunSpec,
} from '@seisless/core';
import { memoryObjectStore } from './memoryObjectStore';

/** One iteration's assembled gradient, as the line search finds it in the bucket. */
export interface ArrangedIteration {
  readonly store: ReturnType<typeof memoryObjectStore>;
  readonly spec: RunSpec;
  readonly deps: {
    store: ReturnType<typeof memoryObjectStore>;
    now: () => number;
  };
}

/**
 * Stores `spec` for run `runId` and, for iteration `k`, the gradient the reducer's `assemble`
 * writes when every shot of the batch arrived: `gradient.npy`, the sum of `gradients` (one flat
 * array per shot, the grid's size), and `gradient.json` with the sum of their `objectives`.
 */
export async function arrangeIteration(
  specInput: RunSpecInput,
  iteration: { runId: string; k: number; shots: number[]; gradients: number[][]; objectives: number[] },
  existing?: ArrangedIteration,
): Promise<ArrangedIteration> {
  const spec = validateRunSpec(specInput);
  const store = existing?.store ?? memoryObjectStore();
  const keys = runKeys(iteration.runId);
  await store.putJson(keys.spec, spec);
  const n = elementCount(spec.model.shape);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = iteration.gradients.reduce((sum, g) => sum + (g[i] as number), 0);
  await store.putNpy(keys.fullGradient(iteration.k), { shape: spec.model.shape, data });
  const summary: AssembledGradientSummary = {
    version: 1,
    runId: iteration.runId,
    iteration: iteration.k,
    batchShots: iteration.shots,
    usedShots: iteration.shots,
    droppedShots: [],
    batchSize: iteration.shots.length,
    rescale: 1,
    objective: iteration.objectives.reduce((a, b) => a + b, 0),
  };
  await store.putJson(keys.gradientSummary(iteration.k), summary);
  return { store, spec, deps: { store, now: () => Date.parse('2026-01-01T00:00:00Z') } };
}

/** Stores trial `index`'s per-shot scalars `{ shot, value }` for iteration k. */
export async function arrangeTrial(
  store: ReturnType<typeof memoryObjectStore>,
  at: { runId: string; k: number; index: number },
  values: Record<number, number>,
): Promise<void> {
  const template = runKeys(at.runId).lineSearchScalarTemplate(at.k, at.index);
  for (const [shot, value] of Object.entries(values)) {
    await store.putJson(template.replace('{shot}', shot), { shot: Number(shot), value });
  }
}
