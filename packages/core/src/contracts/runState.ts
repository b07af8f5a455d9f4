import { z } from 'zod';

const count = z.number().int().nonnegative();
const algorithm = z.enum(['rtm', 'lsrtm', 'fwi']).describe("the spec's `algorithm.kind`");

/**
 * `runs/{runId}/state.json`: what `seisless status` shows and what a resume starts from. Written
 * by the iterator (StartRun, Update, Finish) and by the CLI when a local run is interrupted.
 */
export const runStateSchema = z
  .object({
    runId: z.string().min(1).describe('the run id'),
    status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED']).describe('FAILED also after an interruption'),
    algorithm,
    iterations: count.describe('iterations the spec asks for (1 for RTM)'),
    completedIterations: count.describe('iterations whose iterate `model.npy` is written'),
    objectives: z
      .array(z.number().nullable())
      .describe("objective value of iteration k at index k − 1 (the summary's `objective`)"),
    warnings: z
      .array(z.string())
      .default([])
      .describe('what the user should know although the run went on, one line each, `iteration k: …`'),
    createdAt: z.iso.datetime().describe('when the run started (ISO 8601, UTC)'),
    updatedAt: z.iso.datetime().describe('the last write of this object'),
    finishedAt: z.iso.datetime().optional().describe('when the run ended (absent while running)'),
    error: z
      .object({ Error: z.string(), Cause: z.string() })
      .optional()
      .describe('why a FAILED run stopped: the error name and its readable message'),
  })
  .meta({ id: 'RunState' });

export type RunState = z.output<typeof runStateSchema>;

/** The run context the state machine carries between states (`$.run`). */
export const runContextSchema = z
  .object({
    runId: z.string().min(1).describe('the run id'),
    algorithm,
    iteration: z.number().int().positive().describe('the iteration about to run, k'),
    iterations: count.describe('iterations the spec asks for'),
    needsModel: z.boolean().describe('the true model must be made first (a synthetic preset)'),
    needsObserved: z.boolean().describe('the observed records must be modelled first'),
    pollSeconds: z
      .number()
      .int()
      .positive()
      .describe(
        'the longest wait for a wake-up before the machine checks anyway (state-machine.md, "Waiting")',
      ),
    done: z.boolean().describe('every iteration is complete: go to Finish'),
    sparsify: z
      .boolean()
      .default(false)
      .describe('sparse LS-RTM: a sparsify job makes each iterate before the Update (algorithm.sparsity)'),
  })
  .meta({ id: 'RunContext' });

export type RunContext = z.output<typeof runContextSchema>;
