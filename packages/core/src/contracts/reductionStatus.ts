import { z } from 'zod';

const shots = z.array(z.number().int().nonnegative());
const count = z.number().int().nonnegative();

/**
 * `$.check.reduction`: the gradient reducer's answer to "is iteration k's reduction complete?"
 * (its `status`). Shot lists follow the order of the batch. Read by the state machine's
 * GradientsReady and by the iterator's AssessFailures.
 */
export const reductionStatusSchema = z
  .object({
    complete: z
      .boolean()
      .describe(
        'every shot of the batch is in the manifest of every chunk its window touches (every chunk without apertures)',
      ),
    chunkCount: count.describe("the gradient's chunks"),
    chunksComplete: count.describe(
      'chunks whose manifest holds every shot whose window touches them (none: complete)',
    ),
    shotsInAllChunks: shots.describe('shots in the manifest of every chunk they touch'),
    missingShots: shots.describe('shots missing from some chunk they touch'),
    deadLetterShots: shots.describe(
      'missing shots with a dead-letter record for a chunk whose manifest lacks them: they will not arrive',
    ),
    objective: z
      .number()
      .nullable()
      .describe('Σ objective of the shots summed so far (each counted in the first chunk it touches)'),
    lastUpdateAt: z
      .number()
      .nullable()
      .describe('the latest accumulator write (`x-amz-meta-written-at`), epoch ms'),
    checkedAt: z
      .number()
      .describe('when the status began reading the accumulators, epoch ms (the next wait starts from it)'),
    updateMs: z
      .number()
      .nullable()
      .describe("median over the chunks of their last update's duration (`x-amz-meta-update-ms`), ms"),
  })
  .meta({ id: 'ReductionStatus' });

export type ReductionStatus = z.output<typeof reductionStatusSchema>;
