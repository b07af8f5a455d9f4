import type { BlobStore } from '@seisless/core';
import { runKeys, unattributedDeadLetterKey } from '@seisless/core';
import { type QueueRecord, receiveCount } from './queueRecord';

/** Why a message ended as a dead-letter record. */
export const DEAD_LETTER_REASON = {
  /** The message itself is unreadable: bad JSON, schema, group or layout. */
  malformed: 'malformed',
  /** The gradient it names does not match it (header, shape, size) or the accumulator. */
  rejected: 'rejected',
  /** SQS gave up on it after its receives (the reducer failed it every time). */
  receivesExhausted: 'receives-exhausted',
} as const;

export type DeadLetterReason = (typeof DEAD_LETTER_REASON)[keyof typeof DEAD_LETTER_REASON];

/** The run, iteration, shot and chunk a message is about. */
export interface MessageIdentity {
  readonly runId: string;
  readonly iteration: number;
  readonly shot: number;
  readonly chunk: number;
}

/** The JSON written under `runKeys(runId).deadLetter(k, shot, chunk)`. */
export interface DeadLetterRecord extends Partial<MessageIdentity> {
  readonly version: 1;
  readonly messageId: string;
  readonly reason: DeadLetterReason;
  readonly malformed: boolean;
  readonly detail: string;
  readonly approximateReceiveCount: number;
  readonly recordedBy: 'reduce' | 'deadLetters';
  readonly recordedAt: string;
  /** The message body (first 4000 characters), for a person to read. */
  readonly body: string;
}

/** Where records of messages that name no run go (their body and ids are unreadable). */
export { UNATTRIBUTED_DEAD_LETTERS_PREFIX } from '@seisless/core';

const SAFE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const isIndex = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

function identity(
  runId: unknown,
  iteration: unknown,
  shot: unknown,
  chunk: unknown,
): MessageIdentity | undefined {
  if (typeof runId !== 'string' || !SAFE_RUN_ID.test(runId)) return undefined;
  if (!isIndex(iteration) || !isIndex(shot) || !isIndex(chunk)) return undefined;
  return { runId, iteration, shot, chunk };
}

/**
 * Which run, iteration, shot and chunk a (possibly malformed) record is about: from its body when
 * it names them, else from its deduplication id `{runId}/{iteration}/{shot}/{chunk}`.
 */
export function identifyRecord(record: QueueRecord): MessageIdentity | undefined {
  let body: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(record.body);
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    body = undefined;
  }
  const fromBody = body && identity(body.runId, body.iteration, body.shot, body.chunk);
  if (fromBody !== undefined) return fromBody;
  const parts = (record.attributes.MessageDeduplicationId ?? '').split('/');
  if (parts.length !== 4) return undefined;
  const [runId, iteration, shot, chunk] = parts;
  const asIndex = (text: string | undefined) => (/^\d+$/.test(text ?? '') ? Number(text) : undefined);
  return identity(runId, asIndex(iteration), asIndex(shot), asIndex(chunk));
}

/** The key of a record's dead-letter object. */
export function deadLetterKey(record: QueueRecord): string {
  const who = identifyRecord(record);
  if (who === undefined) return unattributedDeadLetterKey(record.messageId);
  return runKeys(who.runId).deadLetter(who.iteration, who.shot, who.chunk);
}

/** What to write about one record. */
export interface DeadLetterEntry {
  readonly record: QueueRecord;
  readonly reason: DeadLetterReason;
  readonly detail: string;
  readonly recordedBy: DeadLetterRecord['recordedBy'];
  readonly now: Date;
}

/**
 * Writes the dead-letter record of a message to the run's `dead-letters/` folder, so that the
 * reduction status reports its shot instead of waiting for it. Overwriting is harmless.
 */
export async function writeDeadLetter(
  store: BlobStore,
  bucket: string,
  entry: DeadLetterEntry,
): Promise<void> {
  const { record, reason, detail, recordedBy, now } = entry;
  const content: DeadLetterRecord = {
    version: 1,
    ...identifyRecord(record),
    messageId: record.messageId,
    reason,
    malformed: reason === DEAD_LETTER_REASON.malformed,
    detail,
    approximateReceiveCount: receiveCount(record),
    recordedBy,
    recordedAt: now.toISOString(),
    body: record.body.slice(0, 4000),
  };
  const body = Buffer.from(`${JSON.stringify(content, null, 2)}\n`);
  await store.put({ bucket, key: deadLetterKey(record) }, body, { contentType: 'application/json' });
}
