import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type BlobStore, bucketObjects, type Env, s3BlobStore, sfnTaskSignal, wakeRun } from '@seisless/core';
import type { WakeRun } from './completionSignal';
import { loadConfig } from './config';
import { sqsVisibility } from './sqsVisibility';
import type { ChangeVisibility } from './visibilityReset';

/** What the status, assemble and dead-letter functions need: the run bucket through the S3 adapter. */
export interface StorePorts {
  readonly store: BlobStore;
  readonly bucket: string;
}

/** What the dead-letter function needs besides storage: waking the run it records a loss for. */
export interface WakePorts extends StorePorts {
  readonly wake: WakeRun;
}

/** What the reduce function needs besides storage and waking: resetting a failed group's visibility. */
export interface ReducePorts extends WakePorts {
  readonly changeVisibility: ChangeVisibility;
}

/** `wakeRun` on the run bucket and Step Functions (docs/contracts/state-machine.md, "Waiting"). */
function runWaker(store: BlobStore, bucket: string, sfn: SFNClient): WakeRun {
  const deps = { store: bucketObjects(store, bucket), signal: sfnTaskSignal(sfn), now: Date.now };
  return (runId, reason) => wakeRun(deps, runId, reason);
}

/** The dead-letter function's dependencies, built once per cold start. */
export function wakePorts(env: Env): WakePorts {
  const store = s3BlobStore(new S3Client({}));
  const { bucket } = loadConfig(env);
  return { store, bucket, wake: runWaker(store, bucket, new SFNClient({})) };
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
  // One attempt per S3 and Step Functions call: the SDK's own backoff (up to seconds on SlowDown)
  // does not know the 1 s deadline; the handler retries a failed group itself while time remains.
  const store = s3BlobStore(new S3Client({ maxAttempts: 1 }));
  const { bucket } = loadConfig(env);
  return {
    store,
    bucket,
    wake: runWaker(store, bucket, new SFNClient({ maxAttempts: 1 })),
    changeVisibility: sqsVisibility(new SQSClient({})),
  };
}
