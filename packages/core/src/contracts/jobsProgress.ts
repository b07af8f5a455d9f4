import { z } from 'zod';
import { shotFailureSchema } from '../jobs/shotFailures';

const count = z.number().int().nonnegative();
const shots = z.array(count);
const epochMs = z.number();

/**
 * `$.progress` (`$.check.jobs` while gradients reduce): where the jobs of a JobsRef stand. Written
 * by the submitter's `progress`; read by the state machine's Choice states and by the iterator's
 * AssessFailures.
 */
export const jobsProgressSchema = z
  .object({
    state: z
      .enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'OVERDUE'])
      .describe('FAILED: every job finished and one failed; OVERDUE: unfinished past the deadline'),
    counts: z
      .object({ pending: count, running: count, succeeded: count, failed: count })
      .describe('jobs (array children) by status'),
    checkedAt: epochMs.describe('when the progress began reading the jobs (the next wait starts from it)'),
    submittedAt: epochMs.describe("echoed from the JobsRef (the report's queue time)"),
    succeededShots: shots.describe('shots whose job succeeded, ascending'),
    failedShots: shots.describe('shots whose job failed, ascending'),
    failures: z
      .array(shotFailureSchema)
      .describe(
        "failed jobs, at most 50; reason and kind from each job's failure record (jobs.md) once FAILED or OVERDUE",
      ),
    finishedAt: epochMs.optional().describe('the latest stoppedAt, once every job has finished'),
    firstStartedAt: epochMs.optional().describe('the earliest startedAt among the finished jobs'),
    lastStoppedAt: epochMs.optional().describe('the latest stoppedAt among the finished jobs'),
  })
  .meta({ id: 'JobsProgress' });

export type JobsProgress = z.output<typeof jobsProgressSchema>;
