import { z } from 'zod';

const epochMs = z.number().int().nonnegative();

/**
 * `runs/{runId}/waiter.json`: the task token the run's state machine is waiting on now (its
 * AwaitWake states), written by the iterator's `awaitWake`. A wake-up sends this token; a token
 * whose wait has already ended is refused by Step Functions, which is harmless.
 */
export const waiterRecordSchema = z
  .strictObject({
    taskToken: z.string().min(1).describe("the callback token of the state machine's current wait"),
    registeredAt: epochMs.describe('when the wait began, epoch ms'),
  })
  .meta({ id: 'WaiterRecord' });

export type WaiterRecord = z.output<typeof waiterRecordSchema>;

/**
 * `runs/{runId}/wake.json`: the latest wake-up, written before the waiter is read, so that a wait
 * registered just after it still sees it (docs/contracts/state-machine.md, "Waiting").
 */
export const wakeRecordSchema = z
  .strictObject({
    at: epochMs.describe('when the signal was sent, epoch ms'),
    reason: z.string().min(1).describe("what happened: 'reduction complete', 'job ended', …"),
  })
  .meta({ id: 'WakeRecord' });

export type WakeRecord = z.output<typeof wakeRecordSchema>;

/** The `awaitWake` function's input: the run, the start of the checks the wait follows, the token. */
export const awaitWakeInputSchema = z
  .strictObject({
    runId: z.string().min(1),
    since: z
      .array(epochMs)
      .min(1)
      .describe('`checkedAt` of the checks before this wait: a wake-up after the earliest is not yet seen'),
    taskToken: z.string().min(1).describe('`$$.Task.Token`'),
  })
  .meta({ id: 'AwaitWakeInput' });

export type AwaitWakeInput = z.output<typeof awaitWakeInputSchema>;
