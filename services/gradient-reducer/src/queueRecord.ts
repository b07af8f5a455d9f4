import {
  parseReductionMessage,
  type ReductionMessage,
  reductionGroupId,
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

/**
 * Parses and checks one reduction message: its contract (`parseReductionMessage`: the schema and
 * a self-consistent layout), and that it travels in the FIFO group of the accumulator it updates
 * (the group serialises that accumulator). Throws a ValidationError naming the message and the field.
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
  return message;
}
