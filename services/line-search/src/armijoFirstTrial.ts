import type { IterationContext, ObjectStore } from '@seisless/core';
import { initialStep } from './initialStep';
import { readState } from './lineSearchState';

/** What the first Armijo trial of an iteration is sized from. */
export interface ArmijoFirstTrialInput {
  readonly ctx: IterationContext;
  readonly direction: Float32Array;
  /** FWI: the current velocity, to read `initial` as a relative velocity change. */
  readonly velocity?: Float32Array;
  readonly initial: number;
  readonly shrink: number;
}

/**
 * The first trial step of an Armijo search: the `initial` step (initialStep.ts), but after the
 * first iteration at most the previous iteration's accepted step grown by 1 / `shrink` (its
 * search ran with the same objective, so a step it had to backtrack to is a better first
 * guess than the cap, which saves trial jobs; growing it lets the step recover).
 * Without a usable previous step (first iteration, a resume without it, step 0), the cap alone.
 *
 * @example
 * // previous accepted step 0.01, shrink 0.5, cap 0.05 → 0.02
 * await armijoFirstTrial({ ctx, direction, velocity, initial: 0.1, shrink: 0.5 }, store);
 */
export async function armijoFirstTrial(input: ArmijoFirstTrialInput, store: ObjectStore): Promise<number> {
  const cap = initialStep(input.initial, input.direction, input.velocity);
  const { runId, iteration } = input.ctx;
  if (iteration < 2) return cap;
  const previous = await readState(store, runId, iteration - 1);
  const decision = previous?.decision;
  if (decision?.action !== 'accept' || decision.rule !== 'armijo' || !(decision.step > 0)) return cap;
  return Math.min(cap, decision.step / input.shrink);
}
