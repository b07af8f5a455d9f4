import type { IterationContext, ObjectStore, StepDecision } from '@seisless/core';
import { armijoFirstTrial } from './armijoFirstTrial';
import { readBbPair } from './bbPair';
import { initialStep } from './initialStep';
import { bbStep } from './rules/barzilaiBorwein';

/** The first call's decision, and anything worth a warning in the iteration's record. */
export interface FirstStep {
  readonly decision: StepDecision;
  readonly warnings: string[];
}

/** What the first decision is made from. */
export interface FirstStepInput {
  readonly ctx: IterationContext;
  readonly gradient: Float32Array;
  readonly direction: Float32Array;
  /** FWI: the current velocity x_{k−1}, to size the first step in velocity terms. */
  readonly velocity?: Float32Array;
  readonly gradientNormSq: number;
  /** f(x_{k−1}), reported with an accepted step. */
  readonly objective: number;
}

/**
 * The rule's first decision: RTM takes the image as it is (step 1 along −g); `fixed` and
 * `barzilai-borwein` accept at once; `exact` asks for born-norm jobs; `armijo` asks for the
 * objective at its first trial step (armijoFirstTrial.ts). A zero gradient accepts step 0.
 */
export async function firstDecision(input: FirstStepInput, store: ObjectStore): Promise<FirstStep> {
  const algorithm = input.ctx.spec.algorithm;
  if (algorithm.kind === 'rtm') return accept(input, 'rtm', 1);
  const rule = algorithm.step;
  if (!(input.gradientNormSq > 0)) {
    return accept(input, rule.rule, 0, ['the gradient is zero; the iterate is left unchanged']);
  }
  switch (rule.rule) {
    case 'fixed':
      return accept(input, 'fixed', rule.value);
    case 'barzilai-borwein':
      return barzilaiBorwein(input, rule.initial, store);
    case 'exact':
      return evaluate('exact', 'born-norm', 0);
    case 'armijo': {
      const { initial, shrink } = rule;
      const step = await armijoFirstTrial({ ...input, initial, shrink }, store);
      return evaluate('armijo', 'objective', step);
    }
  }
}

async function barzilaiBorwein(
  input: FirstStepInput,
  initial: number,
  store: ObjectStore,
): Promise<FirstStep> {
  const pair = await readBbPair(store, input.ctx, input.gradient);
  const result = 'reason' in pair ? pair : bbStep(pair.s, pair.y);
  if ('step' in result) return accept(input, 'barzilai-borwein', result.step);
  const step = initialStep(initial, input.direction, input.velocity);
  const fellBack = input.ctx.iteration > 1;
  return accept(
    input,
    'barzilai-borwein',
    step,
    fellBack ? [`barzilai-borwein: ${result.reason}; used the initial step ${step.toPrecision(4)}`] : [],
  );
}

function accept(input: FirstStepInput, rule: string, step: number, warnings: string[] = []): FirstStep {
  return { decision: { action: 'accept', rule, step, objective: input.objective }, warnings };
}

function evaluate(rule: string, kind: 'objective' | 'born-norm', step: number): FirstStep {
  return { decision: { action: 'evaluate', rule, kind, trial: { index: 0, step } }, warnings: [] };
}
