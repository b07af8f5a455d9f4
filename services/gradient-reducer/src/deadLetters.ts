import type { BlobStore } from '@seisless/core';
import { InputError, ValidationError } from '@seisless/core';
import {
  DEAD_LETTER_REASON,
  type DeadLetterReason,
  identifyRecord,
  writeDeadLetter,
} from './deadLetterRecord';
import { batchItemFailures, processInOrder, type RecordFailure, splitByGroup } from './fifoBatch';
import { readGradientChunk } from './gradientChunkReader';
import { groupKeyOf, parseQueueRecord, type QueueRecord, receiveCount } from './queueRecord';

/** The ports of the dead-letter recorder. */
export interface DeadLetterDeps {
  readonly store: BlobStore;
  readonly bucket: string;
  readonly now: () => Date;
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Why a message ran out of receives, as far as can be told now: malformed, a gradient that does
 * not match it, or (when it looks fine) repeated reducer failures such as storage errors.
 */
export async function diagnoseDeadLetter(
  record: QueueRecord,
  store: BlobStore,
): Promise<{ reason: DeadLetterReason; detail: string }> {
  const received = `received ${receiveCount(record)} times`;
  let message: ReturnType<typeof parseQueueRecord>;
  try {
    message = parseQueueRecord(record);
  } catch (error) {
    if (error instanceof ValidationError)
      return { reason: DEAD_LETTER_REASON.malformed, detail: error.message };
    throw error;
  }
  try {
    await readGradientChunk(store, message);
  } catch (error) {
    if (error instanceof InputError) return { reason: DEAD_LETTER_REASON.rejected, detail: error.message };
    return { reason: DEAD_LETTER_REASON.receivesExhausted, detail: `${received}; now: ${describe(error)}` };
  }
  return {
    reason: DEAD_LETTER_REASON.receivesExhausted,
    detail: `${received}; the message and its gradient chunk are valid now, so the reducer failed it for another reason (see its logs)`,
  };
}

/**
 * Records every message of a dead-letter queue batch as a dead-letter JSON in its run's folder,
 * so the reduction status reports those shots instead of waiting for them. A record that cannot
 * be written fails, with every later message of its FIFO group.
 *
 * @example
 * const { batchItemFailures } = await recordDeadLetters(event.Records, { store, bucket, now: () => new Date() });
 */
export async function recordDeadLetters(
  records: readonly QueueRecord[],
  deps: DeadLetterDeps,
): Promise<{
  batchItemFailures: { itemIdentifier: string }[];
  failures: RecordFailure[];
  recorded: number;
  /** The runs of the records written (the ones to wake). */
  runIds: string[];
}> {
  const record = async (r: QueueRecord) => {
    const { reason, detail } = await diagnoseDeadLetter(r, deps.store);
    await writeDeadLetter(deps.store, deps.bucket, {
      record: r,
      reason,
      detail,
      recordedBy: 'deadLetters',
      now: deps.now(),
    });
  };
  const groups = splitByGroup(records, groupKeyOf);
  const failures = (await Promise.all(groups.map((group) => processInOrder(group, record)))).flat();
  const failed = new Set(failures.map((f) => f.messageId));
  const written = records.filter((r) => !failed.has(r.messageId));
  const runIds = written.flatMap((r) => {
    const who = identifyRecord(r);
    return who === undefined ? [] : [who.runId];
  });
  return {
    batchItemFailures: batchItemFailures(failures),
    failures,
    recorded: written.length,
    runIds: [...new Set(runIds)],
  };
}
