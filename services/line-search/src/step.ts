import {
  InputError,
  type IterationTaskInput,
  iterationTaskInputSchema,
  readRunSpec,
  type StepDecision,
} from '@seisless/core';
import { continueLineSearch } from './continueLineSearch';
import { readState } from './lineSearchState';
import type { StepDeps } from './ports';
import { startLineSearch } from './startLineSearch';

/** The `step` function's input (state-machine.md, LineSearch). */
export const stepRequestSchema = iterationTaskInputSchema;

export type StepRequest = IterationTaskInput;

/**
 * Chooses iteration k's step: the first call assembles the gradient and decides or asks for
 * trial jobs; later calls read the trials' results. Safe to call again with the same input.
 *
 * @example
 * const decision = await chooseStep({ runId: 'demo', iteration: 3 }, { store, accumulators, now: Date.now });
 * // { action: 'evaluate', rule: 'armijo', kind: 'objective', trial: { index: 0, step: 0.8 } }
 */
export async function chooseStep(request: StepRequest, deps: StepDeps): Promise<StepDecision> {
  const { runId, iteration } = request;
  const spec = await readRunSpec(deps.store, runId);
  if (spec.algorithm.kind !== 'rtm' && iteration > spec.algorithm.iterations) {
    throw new InputError(
      `step input: iteration ${iteration}; expected at most ${spec.algorithm.iterations}, the spec's iterations`,
    );
  }
  const ctx = { runId, iteration, spec };
  const state = await readState(deps.store, runId, iteration);
  return state === undefined ? startLineSearch(ctx, deps) : continueLineSearch(state, ctx, deps);
}
