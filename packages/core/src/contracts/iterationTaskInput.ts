import { z } from 'zod';
import type { RunSpec } from '../spec/runSpec';

/**
 * The input of the state machine's per-iteration tasks, `{ runId, iteration }`: SelectBatch,
 * AssembleGradient and LineSearch take it as it is, AssessFailures and Update extend it
 * (docs/contracts/state-machine.md).
 *
 * @example
 * export const stepRequestSchema = iterationTaskInputSchema;
 * const assessInputSchema = iterationTaskInputSchema.extend({ jobs: jobsProgressSchema });
 */
export const iterationTaskInputSchema = z.object({
  runId: z.string().min(1).describe('the run id'),
  iteration: z.number().int().positive().describe('k, the iteration under way (1…N)'),
});

export type IterationTaskInput = z.output<typeof iterationTaskInputSchema>;

/** Where an iteration is: its run, its number and the run's spec (read once per task). */
export interface IterationContext extends Readonly<IterationTaskInput> {
  readonly spec: RunSpec;
}
