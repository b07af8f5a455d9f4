import { S3Client } from '@aws-sdk/client-s3';
import { lambdaHandler, sqsLogKeys } from '@seisless/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig } from '../config';
import { recordDeadLetters } from '../deadLetters';
import { describeError } from '../describeError';
import { s3BlobStore } from '../s3BlobStore';

const config = loadConfig(process.env);
const deps = { store: s3BlobStore(new S3Client({})), bucket: config.bucket, now: () => new Date() };

/** Dead-letter queue → one dead-letter record per message in its run's folder. */
export const handler = lambdaHandler<SQSEvent, SQSBatchResponse>(
  { service: 'seisless-gradient-reducer', logKeys: sqsLogKeys },
  async (event, { logger }) => {
    const result = await recordDeadLetters(event.Records, deps);
    logger.warn('deadLetters', {
      recorded: result.recorded,
      failures: result.failures.map((f) => ({ messageId: f.messageId, ...describeError(f.error) })),
    });
    return { batchItemFailures: result.batchItemFailures };
  },
);
