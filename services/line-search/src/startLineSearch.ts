import type { IterationContext, LineSearchState, StepDecision } from '@seisless/core';
import { runKeys, startingIterateKey } from '@seisless/core';
import { type FirstStep, firstDecision } from './firstDecision';
import { readIterate } from './gridArray';
import { type IterationGradient, readIterationGradient } from './iterationGradient';
import { writeState } from './lineSearchState';
import type { StepDeps } from './ports';
import { searchDirection } from './searchDirection';
import { normSq } from './vectors';

/**
 * The first call of iteration k: reads the full gradient (assembled by the gradient reducer),
 * writes the search direction d = −g, makes the rule's first decision and records the line
 * search's state.
 */
export async function startLineSearch(ctx: IterationContext, deps: StepDeps): Promise<StepDecision> {
  const { store } = deps;
  const keys = runKeys(ctx.runId);
  const shape = ctx.spec.model.shape;
  const assembled = await readIterationGradient(store, ctx);
  const gradient = assembled.gradient;
  const direction = searchDirection(gradient);
  await store.putNpy(keys.direction(ctx.iteration), { shape, data: direction });
  const velocity =
    ctx.spec.algorithm.kind === 'fwi'
      ? await readIterate(store, startingIterateKey(ctx.spec, ctx.runId, ctx.iteration), shape)
      : undefined;
  const gradientNormSq = normSq(gradient);
  const objective = assembled.objective;
  const first = await firstDecision({ ctx, gradient, direction, velocity, gradientNormSq, objective }, store);
  await writeState(store, initialState(ctx, assembled, { ...first, gradientNormSq }, deps.now()));
  return first.decision;
}

function initialState(
  ctx: IterationContext,
  assembled: IterationGradient,
  first: FirstStep & { gradientNormSq: number },
  now: number,
): LineSearchState {
  const { decision, gradientNormSq } = first;
  const dropped = assembled.droppedShots;
  const droppedWarning = `shots [${dropped.join(', ')}] were only in some chunks and were subtracted back out`;
  return {
    version: 1,
    runId: ctx.runId,
    iteration: ctx.iteration,
    algorithm: ctx.spec.algorithm.kind,
    rule: decision.rule,
    status: decision.action === 'accept' ? 'accepted' : 'evaluating',
    batchShots: [...assembled.batchShots],
    usedShots: [...assembled.usedShots],
    droppedShots: [...dropped],
    batchSize: assembled.batchSize,
    rescale: assembled.rescale,
    objective: assembled.objective,
    gradientNormSq,
    slope: -gradientNormSq,
    trials: decision.action === 'evaluate' ? [{ ...decision.trial, value: null }] : [],
    decision,
    replays: 0,
    warnings: [...(dropped.length > 0 ? [droppedWarning] : []), ...first.warnings],
    updatedAt: new Date(now).toISOString(),
  };
}
