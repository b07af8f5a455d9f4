import { S3Client } from '@aws-sdk/client-s3';
import { type Env, type ObjectStore, s3ObjectStore } from '@seisless/core';
import { type IteratorConfig, loadConfig } from './config';

/** Configuration and storage, shared by the iterator's handlers. */
export interface IteratorPorts {
  readonly config: IteratorConfig;
  readonly store: ObjectStore;
}

/**
 * The iterator's dependencies, built once per cold start (`deps` of `lambdaHandler`).
 *
 * @example
 * export const handler = lambdaHandler({ …, deps: iteratorPorts }, (input, { deps }) => …);
 */
export function iteratorPorts(env: Env): IteratorPorts {
  const config = loadConfig(env);
  return { config, store: s3ObjectStore(new S3Client({}), config.bucket) };
}
