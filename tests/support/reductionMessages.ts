import {
  buildNpyHeader,
  chunkCount,
  chunkRange,
  elementCount,
  encodeFloat32Npy,
  type ReductionMessage,
  reductionDeduplicationId,
  reductionGroupId,
  runKeys,
} from '@seisless/core';
import type { SQSRecord } from 'aws-lambda';
import type { InMemoryBlobStore } from './inMemoryBlobStore';

export const TEST_BUCKET = 'seisless-test-data';

/** One shot's gradient as a Batch job would write it. */
export interface ShotGradient {
  readonly runId: string;
  readonly iteration: number;
  readonly shot: number;
  readonly batchIndex: number;
  readonly batchSize: number;
  readonly shape: readonly number[];
  readonly chunkSize: number;
  readonly data: Float32Array;
  readonly objective: number;
}

/** A gradient filled with `shot + i / 8` (exact in float32), with defaults for everything else. */
export function shotGradient(overrides: Partial<ShotGradient> = {}): ShotGradient {
  const shape = overrides.shape ?? [4, 5];
  const shot = overrides.shot ?? 7;
  const data = overrides.data ?? Float32Array.from({ length: elementCount(shape) }, (_, i) => shot + i / 8);
  return {
    runId: 'demo',
    iteration: 1,
    shot,
    batchIndex: 0,
    batchSize: 3,
    chunkSize: 8,
    objective: 1.5,
    ...overrides,
    shape,
    data,
  };
}

/** The reduction message of chunk `chunk` of a gradient (docs/contracts/messages.md). */
export function reductionMessage(g: ShotGradient, chunk: number, overrides: Partial<ReductionMessage> = {}) {
  const message: ReductionMessage = {
    version: 1,
    runId: g.runId,
    iteration: g.iteration,
    shot: g.shot,
    batchIndex: g.batchIndex,
    batchSize: g.batchSize,
    chunk,
    chunkCount: chunkCount(g.shape, g.chunkSize),
    chunkSize: g.chunkSize,
    elementCount: elementCount(g.shape),
    shape: [...g.shape],
    bucket: TEST_BUCKET,
    gradientKey: runKeys(g.runId).gradient(g.iteration, g.shot),
    headerLength: buildNpyHeader(g.shape).length,
    objective: g.objective,
  };
  return { ...message, ...overrides };
}

/** Every chunk's message of a gradient. */
export function reductionMessages(g: ShotGradient): ReductionMessage[] {
  return Array.from({ length: chunkCount(g.shape, g.chunkSize) }, (_, c) => reductionMessage(g, c));
}

/** The elements of chunk `chunk` of a gradient. */
export function gradientChunk(g: ShotGradient, chunk: number): Float32Array {
  const r = chunkRange({ elementCount: g.data.length, chunkSize: g.chunkSize, headerLength: 0 }, chunk);
  return g.data.slice(r.start, r.end);
}

/** Writes a gradient's `.npy` where its messages say it is. */
export function seedGradient(store: InMemoryBlobStore, g: ShotGradient): void {
  const key = runKeys(g.runId).gradient(g.iteration, g.shot);
  store.seed({ bucket: TEST_BUCKET, key }, encodeFloat32Npy({ shape: g.shape, data: g.data }));
}

let counter = 0;

/** An SQS FIFO record carrying `message` (or a raw body), as Lambda delivers it. */
export function sqsRecord(
  message: ReductionMessage | string,
  options: { messageId?: string; receiveCount?: number; groupId?: string; deduplicationId?: string } = {},
): SQSRecord {
  counter += 1;
  const body = typeof message === 'string' ? message : JSON.stringify(message);
  const ids =
    typeof message === 'string'
      ? {}
      : {
          MessageGroupId: reductionGroupId(message),
          MessageDeduplicationId: reductionDeduplicationId(message),
        };
  return {
    messageId: options.messageId ?? `m-${counter}`,
    receiptHandle: `rh-${counter}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(options.receiveCount ?? 1),
      SentTimestamp: '1700000000000',
      SenderId: 'batch-job',
      ApproximateFirstReceiveTimestamp: '1700000000001',
      SequenceNumber: String(counter),
      ...ids,
      ...(options.groupId !== undefined && { MessageGroupId: options.groupId }),
      ...(options.deduplicationId !== undefined && { MessageDeduplicationId: options.deduplicationId }),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:seisless-gradient-reducer-dev-gradients.fifo',
    awsRegion: 'us-east-1',
  };
}
