import { S3Client } from '@aws-sdk/client-s3';
import { type Env, type ObjectStore, s3ObjectStore } from '@seisless/core';
import { loadConfig } from './config';

/** What the line search's logic receives. */
export interface StepDeps {
  readonly store: ObjectStore;
  readonly now: () => number;
}

/**
 * The line search's dependencies, built once per cold start (`deps` of `lambdaHandler`), on the
 * one S3 adapter of `@seisless/core`: throttling and 5xx errors surface as `TransientError`.
 *
 * @example
 * const deps = stepPorts({ SEISLESS_BUCKET: 'seisless-dev-data' });
 */
export function stepPorts(env: Env): StepDeps {
  const { bucket } = loadConfig(env);
  return { store: s3ObjectStore(new S3Client({}), bucket), now: Date.now };
}
