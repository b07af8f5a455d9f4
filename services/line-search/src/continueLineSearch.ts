import { type IterationContext, type LineSearchState, runKeys, type StepDecision } from '@seisless/core';
import { LineSearchFailedError } from './errors';
import { writeState } from './lineSearchState';
import type { StepDeps } from './ports';
import { armijoNext } from './rules/armijo';
import { exactStep } from './rules/exactStep';
import { readTrialScalars, sumOverShots } from './trialScalars';

/** How often a call may find no scalars for the pending trial and ask for it again. */
export const MAX_REPLAYS = 2;

/**
 * A later call of iteration k: reads the pending trial's per-shot scalars, sums them over the
 * used shots (rescaled like the gradient), and accepts a step or asks for the next trial.
 * An accepted state answers every further call with the same decision.
 */
export async function continueLineSearch(
  state: LineSearchState,
  ctx: IterationContext,
  deps: StepDeps,
): Promise<StepDecision> {
  const pending = state.trials.at(-1);
  if (state.status === 'accepted' || pending === undefined) return state.decision;
  const prefix = runKeys(ctx.runId).lineSearchPrefix(ctx.iteration, pending.index);
  const values = await readTrialScalars(deps.store, ctx.runId, ctx.iteration, pending.index);
  if (values.size === 0) return replay(state, prefix, deps);
  const value = state.rescale * sumOverShots(values, state.usedShots, prefix);
  const trials = [...state.trials.slice(0, -1), { ...pending, value }];
  const { decision, warnings } = nextDecision({ ...state, trials }, ctx);
  const next: LineSearchState = {
    ...state,
    trials: decision.action === 'evaluate' ? [...trials, { ...decision.trial, value: null }] : trials,
    status: decision.action === 'accept' ? 'accepted' : 'evaluating',
    decision,
    replays: 0,
    warnings: [...state.warnings, ...warnings],
    updatedAt: new Date(deps.now()).toISOString(),
  };
  await writeState(deps.store, next);
  return decision;
}

async function replay(state: LineSearchState, prefix: string, deps: StepDeps): Promise<StepDecision> {
  if (state.replays >= MAX_REPLAYS) {
    throw new LineSearchFailedError(
      `${prefix}: no trial values after ${state.replays + 1} calls; expected the trial jobs to write them`,
    );
  }
  await writeState(deps.store, {
    ...state,
    replays: state.replays + 1,
    updatedAt: new Date(deps.now()).toISOString(),
  });
  return state.decision;
}

interface Decided {
  readonly decision: StepDecision;
  readonly warnings: string[];
}

function nextDecision(state: LineSearchState, ctx: IterationContext): Decided {
  const last = state.trials.at(-1) as { index: number; value: number };
  if (state.rule === 'exact') {
    const step = exactStep(state.gradientNormSq, last.value);
    if (Number.isNaN(step)) {
      throw new LineSearchFailedError(`exact step: Σ‖J d‖² = ${last.value}; expected a positive curvature`);
    }
    return { decision: { action: 'accept', rule: 'exact', step, objective: state.objective }, warnings: [] };
  }
  const settings =
    ctx.spec.algorithm.kind === 'fwi' && ctx.spec.algorithm.step.rule === 'armijo'
      ? ctx.spec.algorithm.step
      : undefined;
  if (state.rule !== 'armijo' || settings === undefined) {
    throw new LineSearchFailedError(
      `line-search state: rule '${state.rule}' does not evaluate trials; expected 'exact' or 'armijo'`,
    );
  }
  const evaluated = state.trials.map((t) => ({ step: t.step, value: t.value as number }));
  const outcome = armijoNext(settings, { f0: state.objective, slope: state.slope }, evaluated);
  if (outcome.action === 'fail')
    throw new LineSearchFailedError(`armijo, iteration ${ctx.iteration}: ${outcome.reason}`);
  if (outcome.action === 'trial') {
    const trial = { index: last.index + 1, step: outcome.step };
    return { decision: { action: 'evaluate', rule: 'armijo', kind: 'objective', trial }, warnings: [] };
  }
  return {
    decision: { action: 'accept', rule: 'armijo', step: outcome.step, objective: state.objective },
    warnings: outcome.warning === undefined ? [] : [outcome.warning],
  };
}
