import {
  type IterationTaskInput,
  iterationTaskInputSchema,
  type ObjectStore,
  readRunSpec,
  shotCount,
} from '@seisless/core';
import { shotBatch } from './shotBatch';

/** The SelectBatch state's input (docs/contracts/state-machine.md). */
export const selectBatchInputSchema = iterationTaskInputSchema;

/** The shots of iteration k: all shots for RTM, a seeded mini-batch for LS-RTM and FWI. */
export async function selectBatch(
  input: IterationTaskInput,
  deps: { store: ObjectStore },
): Promise<{ iteration: number; shots: number[] }> {
  const spec = await readRunSpec(deps.store, input.runId);
  const shots = shotCount(spec);
  if (spec.algorithm.kind === 'rtm') {
    return { iteration: input.iteration, shots: Array.from({ length: shots }, (_, i) => i) };
  }
  const batch = shotBatch({
    seed: spec.seed,
    shots,
    batchSize: spec.algorithm.batchSize,
    iteration: input.iteration,
  });
  return { iteration: input.iteration, shots: batch };
}
