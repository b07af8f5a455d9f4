import {
  chunkCount,
  elementCount,
  MAX_BATCH_SIZE,
  parseReductionMessage,
  type ReductionMessage,
  reductionGroupId,
  runKeys,
  ValidationError,
} from '@seisless/core';

/** The part of an SQS record the reducer reads (an `SQSRecord` from aws-lambda fits). */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
  readonly attributes: {
    readonly ApproximateReceiveCount?: string;
    readonly ApproximateFirstReceiveTimestamp?: string;
    readonly MessageGroupId?: string;
    readonly MessageDeduplicationId?: string;
  };
}

function groupFromBody(body: string): string | undefined {
  try {
    const m = JSON.parse(body) as { runId?: unknown; iteration?: unknown; chunk?: unknown } | null;
    if (typeof m?.runId !== 'string' || typeof m.iteration !== 'number' || typeof m.chunk !== 'number')
      return;
    return reductionGroupId({ runId: m.runId, iteration: m.iteration, chunk: m.chunk });
  } catch {
    return undefined;
  }
}

/**
 * The FIFO group a record belongs to: its `MessageGroupId`, else (hand-made events) the group its
 * body names, else a group of its own.
 */
export function groupKeyOf(record: QueueRecord): string {
  return record.attributes.MessageGroupId ?? groupFromBody(record.body) ?? `message:${record.messageId}`;
}

/** How many times SQS has delivered the record (0 when the attribute is absent). */
export function receiveCount(record: QueueRecord): number {
  const count = Number(record.attributes.ApproximateReceiveCount ?? 0);
  return Number.isFinite(count) ? count : 0;
}

function checkLayout(m: ReductionMessage, source: string): void {
  const expected = {
    elementCount: elementCount(m.shape),
    chunkCount: chunkCount(m.shape, m.chunkSize),
    gradientKey: runKeys(m.runId).gradient(m.iteration, m.shot),
  };
  for (const [name, value] of Object.entries(expected)) {
    const received = m[name as keyof typeof expected];
    if (received !== value) {
      throw new ValidationError(
        `${source}: ${name} is ${JSON.stringify(received)}; expected ${JSON.stringify(value)}`,
      );
    }
  }
  if (m.batchSize > MAX_BATCH_SIZE) {
    throw new ValidationError(`${source}: batchSize is ${m.batchSize}; expected at most ${MAX_BATCH_SIZE}`);
  }
}

/**
 * Parses and checks one reduction message: its schema (`parseReductionMessage`), that it travels
 * in the FIFO group of the accumulator it updates (the group serialises that accumulator), and
 * that its layout is self-consistent (element count, chunk count, the gradient's key, batch size).
 * Throws a ValidationError naming the message and the field.
 */
export function parseQueueRecord(record: QueueRecord): ReductionMessage {
  const source = `message ${record.messageId}`;
  const message = parseReductionMessage(record.body, source);
  const group = record.attributes.MessageGroupId;
  if (group !== undefined && group !== reductionGroupId(message)) {
    throw new ValidationError(
      `${source}: MessageGroupId '${group}'; expected '${reductionGroupId(message)}' for the chunk it names`,
    );
  }
  checkLayout(message, source);
  return message;
}
