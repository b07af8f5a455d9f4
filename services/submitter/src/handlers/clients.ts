import { BatchClient } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { s3ObjectStore } from '@seisless/core';
import { batchJobs } from '../adapters/batchJobs';
import { reducerQueueUrl } from '../adapters/reducerQueueUrl';
import { loadConfig } from '../config';
import type { SubmitDeps } from '../submit';

/** Builds a value on first use and keeps it for the life of the container (cold start). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}

/** The Batch port (no configuration needed: progress and cancel work from the JobsRef alone). */
export const batchPort = once(() => batchJobs(new BatchClient({})));

/** Everything `submit` needs, from the environment. */
export const submitDeps = once((): SubmitDeps => {
  const config = loadConfig(process.env);
  return {
    config,
    store: s3ObjectStore(new S3Client({}), config.bucket),
    batch: batchPort(),
    reducerQueueUrl: reducerQueueUrl(new SQSClient({}), config.reducerQueueName),
    now: Date.now,
  };
});
