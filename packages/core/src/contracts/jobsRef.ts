import { z } from 'zod';
import { computeTasks } from '../jobs/jobFailure';

const count = z.number().int().nonnegative();

/** The kind of a Batch job: the compute task it runs (docs/contracts/jobs.md). */
export type JobKind = (typeof computeTasks)[number];

/**
 * `$.jobs`: the reference to submitted jobs that travels through the state machine. Written by
 * the submitter's `submit`; read by its `progress` and `cancel`, and by the ReductionStatus state
 * (`chunkCount`).
 */
export const jobsRefSchema = z
  .object({
    runId: z.string().min(1).describe('the run id'),
    iteration: count.describe('k (0 for the model and observe jobs)'),
    kind: z.enum(computeTasks).describe('the compute task the jobs run'),
    jobIds: z
      .array(z.string().min(1))
      .min(1)
      .describe('array parent(s), multi-node jobs (one per shot) or single jobs'),
    shots: z.array(count).describe('shot ids in array-index order (empty for the model and sparsify jobs)'),
    taskKey: z.string().min(1).describe("the jobs' task file"),
    submittedAt: z.number().describe('epoch ms'),
    deadline: z.number().describe('epoch ms: submission + attempts × timeout + slack; later is OVERDUE'),
    chunkCount: count.describe("the gradient's chunks (gradient jobs; else 0)"),
    trial: z
      .object({
        index: count.describe("the trial's number within the iteration"),
        step: z.number().describe('the trial step'),
      })
      .optional()
      .describe('objective and born-norm jobs: the trial they evaluate'),
  })
  .meta({ id: 'JobsRef' });

export type JobsRef = z.output<typeof jobsRefSchema>;
