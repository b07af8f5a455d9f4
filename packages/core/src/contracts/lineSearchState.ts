import { z } from 'zod';
import { stepDecisionSchema } from './stepDecision';

const count = z.number().int().nonnegative();
const shots = z.array(count);

/**
 * `iterations/{k}/line-search/state.json`: what the line search knows between its calls of one
 * iteration. The iterator's Update reads it for the iteration summary (shots, rescale, warnings).
 */
export const lineSearchStateSchema = z
  .object({
    version: z.literal(1).describe('the format; a reader refuses any other'),
    runId: z.string().min(1),
    iteration: count.describe('k'),
    algorithm: z.enum(['rtm', 'lsrtm', 'fwi']),
    rule: z.string().describe('the step rule (as in the StepDecision)'),
    status: z.enum(['evaluating', 'accepted']).describe('accepted: every later call returns `decision`'),
    batchShots: shots.describe("the iteration's batch, in batch-position order"),
    usedShots: shots.describe("the shots summed into the gradient (in every chunk's manifest)"),
    droppedShots: shots.describe('shots in some chunks only, subtracted back out'),
    batchSize: count.describe('B, the batch size'),
    rescale: z.number().describe('B / B_used: the factor on the gradient and the objectives'),
    objective: z.number().describe('f(x_{k−1}) over the used shots, rescaled'),
    gradientNormSq: z.number().describe('‖g‖²'),
    slope: z.number().describe("gᵀd, the objective's slope along the direction (−‖g‖²)"),
    trials: z
      .array(
        z.object({
          index: count.describe("the trial's number (its scalars' folder)"),
          step: z.number().describe('the trial step'),
          value: z
            .number()
            .nullable()
            .describe("Σ of the trial's scalars over the used shots, rescaled; null while pending"),
        }),
      )
      .describe('trial steps asked for, in order'),
    decision: stepDecisionSchema.describe('the latest decision, repeated to a call that finds nothing new'),
    replays: count.describe('calls that found no scalars for the pending trial and repeated its decision'),
    warnings: z.array(z.string()).describe('what the user should know (dropped shots, a fallback step)'),
    updatedAt: z.iso.datetime().describe('the last write of this object'),
  })
  .meta({ id: 'LineSearchState' });

export type LineSearchState = z.output<typeof lineSearchStateSchema>;
