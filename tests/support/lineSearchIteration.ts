import {
  chunkCount,
  elementCount,
  type RunSpec,
  type RunSpecInput,
  runKeys,
  validateRunSpec,
} from '@seisless/core';
import { MemoryAccumulators } from './accumulatorObjects';
import { memoryObjectStore } from './memoryObjectStore';

/** One iteration's reduced gradient, as the line search finds it in the bucket. */
export interface ArrangedIteration {
  readonly store: ReturnType<typeof memoryObjectStore>;
  readonly accumulators: MemoryAccumulators;
  readonly spec: RunSpec;
  readonly deps: {
    store: ReturnType<typeof memoryObjectStore>;
    accumulators: MemoryAccumulators;
    now: () => number;
  };
}

/**
 * Stores `spec` for run `runId` and, for iteration `k`, the gradient task file over `shots` and
 * complete chunk accumulators summing `gradients` (one flat array per shot, the grid's size) with
 * their `objectives`.
 */
export async function arrangeIteration(
  specInput: RunSpecInput,
  iteration: { runId: string; k: number; shots: number[]; gradients: number[][]; objectives: number[] },
  existing?: ArrangedIteration,
): Promise<ArrangedIteration> {
  const spec = validateRunSpec(specInput);
  const store = existing?.store ?? memoryObjectStore();
  const accumulators = existing?.accumulators ?? new MemoryAccumulators();
  const keys = runKeys(iteration.runId);
  await store.putJson(keys.spec, spec);
  await store.putJson(keys.task(iteration.k, 'gradient'), { shots: iteration.shots });
  const n = elementCount(spec.model.shape);
  const size = spec.reduction.chunkSize;
  const positions = iteration.shots.map((_, p) => p);
  const objective = iteration.objectives.reduce((a, b) => a + b, 0);
  for (let c = 0; c < chunkCount(spec.model.shape, size); c++) {
    const data = Array.from({ length: Math.min(size, n - c * size) }, (_, i) =>
      iteration.gradients.reduce((sum, g) => sum + (g[c * size + i] as number), 0),
    );
    accumulators.put(keys.accumulator(iteration.k, c), data, {
      positions,
      batchSize: iteration.shots.length,
      objective,
    });
  }
  return {
    store,
    accumulators,
    spec,
    deps: { store, accumulators, now: () => Date.parse('2026-01-01T00:00:00Z') },
  };
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
