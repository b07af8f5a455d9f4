import type { ObjectStore } from '../aws/objectStore';
import { readContractOrUndefined } from '../contracts/parseContract';
import {
  type AwaitWakeInput,
  type WakeRecord,
  waiterRecordSchema,
  wakeRecordSchema,
} from '../contracts/runWake';
import { runKeys } from '../storage/keys';
import type { TaskSignal } from './taskSignal';

/** What waking a run, and waiting for it, need: the run bucket and Step Functions' callback. */
export interface WakeDeps {
  readonly store: Pick<ObjectStore, 'getJsonOrUndefined' | 'putJson'>;
  readonly signal: TaskSignal;
  readonly now: () => number;
}

/**
 * Clock skew allowed between the function that writes a wake-up and the ones that checked: a
 * wake-up this close before the checks counts as unseen. Lambda's clocks follow Amazon Time Sync
 * (well within a millisecond of each other). It must stay below the time from a wake-up's record
 * to the check it causes (three requests, then a Lambda call: tens of ms), or each wait would be
 * woken again by the wake-up that ended the one before it (a second here let a run spin through
 * about ten checks per wake-up).
 */
const SKEW_MS = 10;

/** The output of a wait that a signal ended (`$.wake`). */
function wakeOutput(wake: WakeRecord, how: 'signal' | 'registration') {
  return { reason: wake.reason, at: wake.at, deliveredBy: how };
}

/**
 * Tells the run's state machine that something it waits for may have happened (a reduction
 * completed, a job ended, a message was dead-lettered): records the wake-up, then ends the
 * current wait if there is one. The record comes first and {@link awaitWake} writes its token
 * before it reads the record, so a wait registered at the same moment misses neither (S3 reads
 * see every write that finished before them).
 *
 * @returns whether this call ended a wait (false: none open, or another signal got there first).
 */
export async function wakeRun(deps: WakeDeps, runId: string, reason: string): Promise<boolean> {
  const keys = runKeys(runId);
  const wake: WakeRecord = { at: deps.now(), reason };
  await deps.store.putJson(keys.wake, wake);
  const waiter = await readContractOrUndefined(deps.store, keys.waiter, waiterRecordSchema);
  if (waiter === undefined) return false;
  return deps.signal.succeed(waiter.taskToken, wakeOutput(wake, 'signal'));
}

/**
 * The state machine's wait (`awaitWake`, a `.waitForTaskToken` task): stores its token for the
 * signals, then ends the wait at once if a wake-up came after the checks it follows began
 * (`since`), which those checks may not have seen.
 *
 * @returns 'woken' when it ended the wait itself, else 'waiting'.
 */
export async function awaitWake(deps: WakeDeps, input: AwaitWakeInput): Promise<'woken' | 'waiting'> {
  const keys = runKeys(input.runId);
  await deps.store.putJson(keys.waiter, { taskToken: input.taskToken, registeredAt: deps.now() });
  const wake = await readContractOrUndefined(deps.store, keys.wake, wakeRecordSchema);
  if (wake === undefined || wake.at < Math.min(...input.since) - SKEW_MS) return 'waiting';
  await deps.signal.succeed(input.taskToken, wakeOutput(wake, 'registration'));
  return 'woken';
}
