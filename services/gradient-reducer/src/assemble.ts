import {
  type AssembledGradientSummary,
  assembledGradientSchema,
  bucketObjects,
  InputError,
  type IterationContext,
  type IterationTaskInput,
  iterationTaskInputSchema,
  readContractOrUndefined,
  readRunSpec,
  runKeys,
} from '@seisless/core';
import { readIterationGradient } from './iterationGradient';
import type { StorePorts } from './ports';

/** The `assemble` function's input (state-machine.md, AssembleGradient). */
export const assembleRequestSchema = iterationTaskInputSchema;

export type AssembleRequest = IterationTaskInput;

/** What the state machine keeps of the assembly (`$.gradient`); the shot lists stay in S3. */
export interface AssembleResult {
  /** `iterations/{k}/gradient.npy`. */
  readonly gradientKey: string;
  /** `iterations/{k}/gradient.json`, the AssembledGradientSummary. */
  readonly summaryKey: string;
  readonly batchSize: number;
  readonly usedShotCount: number;
  readonly droppedShots: readonly number[];
  readonly rescale: number;
}

/**
 * Assembles iteration k's full gradient from its chunk accumulators and writes it with its
 * summary (reduction/assembledGradient.ts in `@seisless/core`): `gradient.npy` first, then
 * `gradient.json`. An iteration is assembled once: when its summary exists (a retry, a resumed
 * run) that summary is the answer, so the line search that read it stays consistent.
 *
 * @example
 * await assembleIteration({ runId: 'demo', iteration: 2 }, { store, bucket });
 * // { gradientKey: 'runs/demo/iterations/2/gradient.npy', usedShotCount: 4, droppedShots: [], rescale: 1, … }
 */
export async function assembleIteration(request: AssembleRequest, at: StorePorts): Promise<AssembleResult> {
  const { runId, iteration } = request;
  const keys = runKeys(runId);
  const objects = bucketObjects(at.store, at.bucket);
  const stored = await readContractOrUndefined(
    objects,
    keys.gradientSummary(iteration),
    assembledGradientSchema,
  );
  if (stored !== undefined) return resultOf(stored);
  const spec = await readRunSpec(objects, runId);
  if (spec.algorithm.kind !== 'rtm' && iteration > spec.algorithm.iterations) {
    throw new InputError(
      `assemble input: iteration ${iteration}; expected at most ${spec.algorithm.iterations}, the spec's iterations`,
    );
  }
  const ctx: IterationContext = { runId, iteration, spec };
  const assembled = await readIterationGradient(at, ctx);
  await objects.putNpy(keys.fullGradient(iteration), { shape: spec.model.shape, data: assembled.gradient });
  const summary: AssembledGradientSummary = {
    version: 1,
    runId,
    iteration,
    batchShots: [...assembled.batchShots],
    usedShots: [...assembled.usedShots],
    droppedShots: [...assembled.droppedShots],
    batchSize: assembled.batchSize,
    rescale: assembled.rescale,
    objective: assembled.objective,
  };
  await objects.putJson(keys.gradientSummary(iteration), summary);
  return resultOf(summary);
}

function resultOf(summary: AssembledGradientSummary): AssembleResult {
  const keys = runKeys(summary.runId);
  return {
    gradientKey: keys.fullGradient(summary.iteration),
    summaryKey: keys.gradientSummary(summary.iteration),
    batchSize: summary.batchSize,
    usedShotCount: summary.usedShots.length,
    droppedShots: summary.droppedShots,
    rescale: summary.rescale,
  };
}
