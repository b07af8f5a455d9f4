import { S3Client } from '@aws-sdk/client-s3';
import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../config';
import { describeError, logLine } from '../logLine';
import { reduceBatch } from '../reduceBatch';
import { s3BlobStore } from '../s3BlobStore';

const config = loadConfig(process.env);
const deps = { store: s3BlobStore(new S3Client({})), bucket: config.bucket, now: () => new Date() };

/** SQS (FIFO) → exactly-once accumulator merge; failed records are redelivered by SQS. */
export const handler = middy<SQSEvent, SQSBatchResponse>().handler(async (event) => {
  const result = await reduceBatch(event.Records, deps);
  logLine('reduce', {
    counts: result.counts,
    failures: result.failures.map((f) => ({ messageId: f.messageId, ...describeError(f.error) })),
    rejections: result.rejections.map((r) => ({
      messageId: r.messageId,
      reason: r.reason,
      ...describeError(r.error),
    })),
  });
  return { batchItemFailures: result.batchItemFailures };
});
