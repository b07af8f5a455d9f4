import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type BlobStore, type Env, s3BlobStore } from '@seisless/core';
import { loadConfig } from './config';
import { sqsVisibility } from './sqsVisibility';
import type { ChangeVisibility } from './visibilityReset';

/** What the status, assemble and dead-letter functions need: the run bucket through the S3 adapter. */
export interface StorePorts {
  readonly store: BlobStore;
  readonly bucket: string;
}

/** What the reduce function needs besides storage: resetting a failed group's visibility. */
export interface ReducePorts extends StorePorts {
  readonly changeVisibility: ChangeVisibility;
}

/**
 * The status, assemble and dead-letter functions' dependencies, built once per cold start (`deps` of
 * `lambdaHandler`).
 *
 * @example
 * export const handler = lambdaHandler({ …, deps: storePorts }, (input, { deps }) => …);
 */
export function storePorts(env: Env): StorePorts {
  return { store: s3BlobStore(new S3Client({})), bucket: loadConfig(env).bucket };
}

/** The reduce function's dependencies, built once per cold start. */
export function reducePorts(env: Env): ReducePorts {
  return {
    // One attempt per S3 call: the SDK's own backoff (up to seconds on SlowDown) does not know the
    // 1 s deadline; the handler retries a failed group itself while time remains (groupRetries).
    store: s3BlobStore(new S3Client({ maxAttempts: 1 })),
    bucket: loadConfig(env).bucket,
    changeVisibility: sqsVisibility(new SQSClient({})),
  };
}
