import {
  type AssembledGradientSummary,
  assembledGradientSchema,
  InputError,
  type IterationContext,
  type ObjectStore,
  readContractOrUndefined,
  readGridArray,
  runKeys,
} from '@seisless/core';

/** Iteration k's full gradient with what it is made of (shots used and dropped, rescale, objective). */
export interface IterationGradient extends AssembledGradientSummary {
  readonly gradient: Float32Array;
}

/**
 * Reads iteration k's gradient as the gradient reducer's `assemble` wrote it before the line
 * search: `gradient.json` (its summary, written last) and `gradient.npy` (grid-shaped).
 *
 * @example
 * const { gradient, usedShots, rescale } = await readIterationGradient(store, { runId: 'demo', iteration: 2, spec });
 */
export async function readIterationGradient(
  store: ObjectStore,
  ctx: IterationContext,
): Promise<IterationGradient> {
  const keys = runKeys(ctx.runId);
  const summaryKey = keys.gradientSummary(ctx.iteration);
  const summary = await readContractOrUndefined(store, summaryKey, assembledGradientSchema);
  if (summary === undefined) {
    throw new InputError(
      `${summaryKey}: not found; expected the assembled gradient's summary (the reducer's assemble runs before the line search)`,
    );
  }
  if (summary.runId !== ctx.runId || summary.iteration !== ctx.iteration) {
    throw new InputError(
      `${summaryKey}: run ${summary.runId}, iteration ${summary.iteration}; expected run ${ctx.runId}, iteration ${ctx.iteration}`,
    );
  }
  const gradient = await readGridArray(store, keys.fullGradient(ctx.iteration), ctx.spec.model.shape);
  return { ...summary, gradient };
}
