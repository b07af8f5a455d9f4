/**
 * ## Assembled gradient
 *
 * `runs/{runId}/iterations/{k}/gradient.npy` (`runKeys(runId).fullGradient(k)`): iteration k's
 * full gradient, grid-shaped float32, assembled by the gradient reducer's `assemble` function from
 * the chunk accumulators once the reduction is complete (or the run proceeds within its failure
 * tolerance). Every chunk is made of the same shots: a shot that only some manifests hold is
 * subtracted back out of those chunks (from its per-shot gradient), and the sum over the B_used
 * shots in every manifest is rescaled by B / B_used.
 *
 * `runs/{runId}/iterations/{k}/gradient.json` (`runKeys(runId).gradientSummary(k)`): what the
 * gradient is made of, written after `gradient.npy`, so its presence means both are complete.
 * An iteration's gradient is assembled once: a later `assemble` of the same iteration (a retry, a
 * resumed run) returns the stored summary, and the line search that read it stays consistent.
 * The line search reads both on its first call of the iteration.
 */
import { z } from 'zod';

const count = z.number().int().nonnegative();
const shots = z.array(count);

/**
 * `iterations/{k}/gradient.json`, the summary of the assembled gradient; readers check it with
 * `parseContract` / `readContract`.
 */
export const assembledGradientSchema = z
  .object({
    version: z.literal(1).describe('the format; a reader refuses any other'),
    runId: z.string().min(1).describe('the run id'),
    iteration: z.number().int().positive().describe('k'),
    batchShots: shots.describe("the iteration's batch, in batch-position order (the gradient task file)"),
    usedShots: shots.describe("the shots summed into the gradient: in every chunk's manifest"),
    droppedShots: shots.describe('shots in some manifests only, subtracted back out'),
    batchSize: z.number().int().positive().describe('B, the number of batch positions'),
    rescale: z.number().positive().describe('B / B_used, applied to the gradient and the objective'),
    objective: z.number().describe('Σ objective over the used shots, rescaled like the gradient'),
  })
  .meta({ id: 'AssembledGradient' });

export type AssembledGradientSummary = z.output<typeof assembledGradientSchema>;
