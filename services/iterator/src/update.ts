import {
  acceptedStepSchema,
  type Float32Npy,
  type IterationSummary,
  iterationCount,
  lineSearchStateSchema,
  type ObjectStore,
  type RunContext,
  type RunSpec,
  type RunState,
  readContract,
  readRunSpec,
  runKeys,
  startingIterateKey,
} from '@seisless/core';
import { z } from 'zod';
import { stepImage, stepVelocity } from './applyStep';
import { collectIterationTimings, gradientEventsSchema } from './iterationSummary';
import { updateRunState, withIterationWarnings } from './runState';
import { assertSparseIterate, usesSparsify } from './sparseUpdate';

/** The Update state's input (docs/contracts/state-machine.md). */
export const updateInputSchema = z.object({
  runId: z.string().min(1),
  iteration: z.number().int().positive(),
  /** The line search's accepted decision. */
  step: acceptedStepSchema,
  /** When the gradient jobs were submitted and the reduction last wrote (epoch ms), for the summary. */
  gradients: gradientEventsSchema.optional(),
});

export type UpdateInput = z.input<typeof updateInputSchema>;

/**
 * x_k = x_{k−1} + α·d with the direction the line search wrote (FWI within its bounds), or for
 * sparse LS-RTM the sparsify job's x_k (sparseUpdate.ts); writes x_k, the iteration summary (with the line search's shots, rescale and
 * warnings) and the run state, and runs the stop test.
 */
export async function update(
  input: UpdateInput,
  deps: { store: ObjectStore; pollSeconds: number; now: () => number },
): Promise<RunContext> {
  const startedAt = deps.now();
  const { runId, iteration: k } = input;
  const keys = runKeys(runId);
  const spec = await readRunSpec(deps.store, runId);
  const lineSearch = await readContract(deps.store, keys.lineSearchState(k), lineSearchStateSchema);
  if (usesSparsify(spec)) {
    await assertSparseIterate(deps.store, runId, k, spec.model.shape);
  } else {
    const direction = await deps.store.getNpy(keys.direction(k));
    const previous = await startingIterate(deps.store, spec, runId, k, direction);
    await deps.store.putNpy(keys.model(k), {
      shape: direction.shape,
      data: nextIterate(spec, previous.data, direction.data, input.step.step),
    });
  }
  const objective = input.step.objective ?? null;
  const timings = await collectIterationTimings(deps.store, runId, k, input.gradients);
  const summary: IterationSummary = {
    k,
    shots: lineSearch.batchShots,
    usedShots: lineSearch.usedShots,
    droppedShots: lineSearch.droppedShots,
    rescale: lineSearch.rescale,
    objective,
    step: input.step.step,
    rule: input.step.rule,
    warnings: lineSearch.warnings,
    timings: { ...timings, updateStartedAt: startedAt, updateFinishedAt: deps.now() },
  };
  await deps.store.putJson(keys.iterationSummary(k), summary);
  const state = await updateRunState(
    deps.store,
    runId,
    (s): RunState => ({
      ...s,
      completedIterations: k,
      objectives: [...s.objectives.slice(0, k - 1), objective],
      warnings: withIterationWarnings(s.warnings, k, lineSearch.warnings),
      updatedAt: new Date(deps.now()).toISOString(),
    }),
  );
  return {
    runId,
    algorithm: spec.algorithm.kind,
    iteration: k + 1,
    iterations: iterationCount(spec.algorithm),
    needsModel: false,
    needsObserved: false,
    pollSeconds: deps.pollSeconds,
    done: state.completedIterations >= iterationCount(spec.algorithm),
    sparsify: usesSparsify(spec),
  };
}

async function startingIterate(
  store: ObjectStore,
  spec: RunSpec,
  runId: string,
  k: number,
  like: Float32Npy,
): Promise<Float32Npy> {
  const key = startingIterateKey(spec, runId, k);
  return key === undefined
    ? { shape: like.shape, data: new Float32Array(like.data.length) }
    : store.getNpy(key);
}

function nextIterate(
  spec: RunSpec,
  previous: Float32Array,
  direction: Float32Array,
  step: number,
): Float32Array {
  const algorithm = spec.algorithm;
  if (algorithm.kind === 'fwi') return stepVelocity(previous, direction, step, algorithm.bounds);
  return stepImage(previous, direction, step);
}
