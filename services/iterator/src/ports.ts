import { S3Client } from '@aws-sdk/client-s3';
import { type Env, type ObjectBytes, type ObjectStore, s3ObjectBytes, s3ObjectStore } from '@seisless/core';
import { type IteratorConfig, loadConfig } from './config';

/** Configuration and storage, shared by the iterator's handlers. */
export interface IteratorPorts {
  readonly config: IteratorConfig;
  readonly store: ObjectStore;
  /** Ranged reads of the bucket, for the pre-submission checks of the model objects a spec names. */
  readonly objects: ObjectBytes;
}

/**
 * The iterator's dependencies, built once per cold start (`deps` of `lambdaHandler`).
 *
 * @example
 * export const handler = lambdaHandler({ …, deps: iteratorPorts }, (input, { deps }) => …);
 */
export function iteratorPorts(env: Env): IteratorPorts {
  const config = loadConfig(env);
  const s3 = new S3Client({});
  return { config, store: s3ObjectStore(s3, config.bucket), objects: s3ObjectBytes(s3, config.bucket) };
}
