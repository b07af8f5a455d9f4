import { z } from 'zod';

/**
 * `iterations/{k}/line-search/{t}/shot-{i}.json`: one shot's value for trial t, written by an
 * `objective` or `born-norm` job and summed over the used shots by the line search.
 */
export const trialScalarSchema = z
  .object({
    shot: z.number().int().nonnegative().describe("the job's shot id (the one its key names)"),
    value: z.number().describe('the objective at the trial step, or ‖J d‖² (a finite number)'),
  })
  .meta({ id: 'TrialScalar' });

export type TrialScalar = z.output<typeof trialScalarSchema>;
