import { z } from 'zod';

const count = z.number().int().nonnegative();
const shots = z.array(count);
const epochMs = z.number().nullable();

/** When an iteration's phases happened (epoch ms; null when the run left no trace of it). */
export const iterationTimingsSchema = z.object({
  submittedAt: epochMs.describe("the gradient jobs' submission (from the state machine)"),
  firstJobStartedAt: epochMs.describe('the earliest gradient job start (its timings)'),
  lastJobStoppedAt: epochMs.describe('the latest gradient job end (its timings)'),
  jobWallSeconds: z.array(z.number().nonnegative()).describe("each gradient job's `total_s`"),
  lastGradientAt: epochMs.describe("the last gradient PUT (`gradient_written_at`, else S3's Last-Modified)"),
  reductionCompleteAt: epochMs.describe('the last accumulator write (its `written-at` metadata)'),
  accumulatorUpdateMs: z
    .number()
    .nonnegative()
    .nullable()
    .describe("one accumulator update, ms: the median of the chunks' last updates"),
  updateStartedAt: z.number().describe("the iterator's Update began"),
  updateFinishedAt: z.number().describe('the summary was written'),
});

export type IterationTimings = z.output<typeof iterationTimingsSchema>;

/**
 * `iterations/{k}/summary.json`: what iteration k did, written once by the iterator's Update and
 * read by the report. Shots and rescale come from the line search's state of the iteration.
 */
export const iterationSummarySchema = z
  .object({
    k: z.number().int().positive().describe('the iteration'),
    shots: shots.describe('the batch: the shots whose gradient jobs were submitted'),
    usedShots: shots.describe('the shots summed into the gradient'),
    droppedShots: shots.describe('shots reduced into some chunks only, subtracted back out'),
    rescale: z.number().positive().describe('B / B_used, applied to the gradient and the objective'),
    objective: z.number().nullable().describe('f(x_{k−1}) over the used shots, rescaled'),
    step: z.number().describe('the accepted step α'),
    rule: z.string().describe('the rule that chose it'),
    warnings: z.array(z.string()).describe("the line search's warnings (dropped shots, a fallback step)"),
    timings: iterationTimingsSchema,
  })
  .meta({ id: 'IterationSummary' });

export type IterationSummary = z.output<typeof iterationSummarySchema>;
