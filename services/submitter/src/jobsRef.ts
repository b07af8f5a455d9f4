import type { ShotFailure } from '@seisless/core';
import { z } from 'zod';

/** The kinds of Batch jobs the submitter knows (one compute task each, docs/contracts/jobs.md). */
export const jobKinds = ['model', 'observe', 'gradient', 'objective', 'born-norm', 'sparsify'] as const;
export type JobKind = (typeof jobKinds)[number];

const count = z.number().int().nonnegative();

/** The reference to submitted jobs that travels through the state machine (state-machine.md). */
export const jobsRefSchema = z.object({
  runId: z.string().min(1),
  iteration: count,
  kind: z.enum(jobKinds),
  /** Array parent(s), multi-node jobs (one per shot) or single jobs. */
  jobIds: z.array(z.string().min(1)).min(1),
  /** Shot ids in array-index order (empty for the model job). */
  shots: z.array(count),
  taskKey: z.string().min(1),
  submittedAt: z.number(),
  deadline: z.number(),
  chunkCount: count,
  trial: z.object({ index: count, step: z.number() }).optional(),
});

export type JobsRef = z.infer<typeof jobsRefSchema>;

/** Where submitted jobs stand (state-machine.md `JobsProgress`, plus failure details and timings). */
export interface JobsProgress {
  readonly state: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'OVERDUE';
  readonly counts: { pending: number; running: number; succeeded: number; failed: number };
  /** When the jobs were submitted (epoch ms), echoed from the JobsRef for the run report's queue time. */
  readonly submittedAt: number;
  readonly succeededShots: number[];
  readonly failedShots: number[];
  /** Failed jobs with their kind and reason: the job's failure record, else Batch's (at most 50 listed). */
  readonly failures: ShotFailure[];
  /** Latest stoppedAt (epoch ms), once every job has finished. */
  readonly finishedAt?: number;
  /** Earliest startedAt and latest stoppedAt seen among the finished jobs (epoch ms). */
  readonly firstStartedAt?: number;
  readonly lastStoppedAt?: number;
}
