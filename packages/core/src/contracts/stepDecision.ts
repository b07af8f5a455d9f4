import { z } from 'zod';

/** An accepted step: what the Update state hands to the iterator. */
export const acceptedStepSchema = z.object({
  action: z.literal('accept'),
  rule: z
    .string()
    .describe('the rule that chose the step: `rtm`, `fixed`, `barzilai-borwein`, `exact`, `armijo`'),
  step: z.number().describe('α in x_k = x_{k−1} + α·d'),
  objective: z
    .number()
    .nullable()
    .describe(
      "f(x_{k−1}): the iteration's objective over the used shots, rescaled; the run state records it",
    ),
});

/** A trial step the line search needs evaluated by jobs before it decides. */
export const trialStepSchema = z.object({
  action: z.literal('evaluate'),
  rule: z.string().describe('`exact` (born-norm jobs) or `armijo` (objective jobs)'),
  kind: z.enum(['objective', 'born-norm']).describe('the compute task of the trial jobs'),
  trial: z
    .object({
      index: z.number().int().nonnegative().describe("the trial's number within the iteration"),
      step: z.number().describe('the trial step'),
    })
    .describe('where the jobs write: `line-search/{index}/shot-{i}.json`'),
});

/**
 * The line search's answer to the state machine (`$.step`): accept a step, or evaluate a trial
 * step with jobs first. The Update state hands an accepted decision to the iterator.
 */
export const stepDecisionSchema = z
  .discriminatedUnion('action', [acceptedStepSchema, trialStepSchema])
  .meta({ id: 'StepDecision' });

export type StepDecision = z.output<typeof stepDecisionSchema>;
