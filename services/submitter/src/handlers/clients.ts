import { BatchClient } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { type Env, type ObjectStore, requireEnv, s3ObjectStore } from '@seisless/core';
import { batchJobs } from '../adapters/batchJobs';
import { reducerQueueUrl } from '../adapters/reducerQueueUrl';
import { loadConfig } from '../config';
import type { BatchJobs } from '../ports';
import type { SubmitDeps } from '../submit';

/**
 * The submitter's dependency builders, one per function, each called once per cold start by
 * `lambdaHandler` (`deps`). `cancel` needs no configuration: it works from the JobsRef alone.
 */
export function cancelPorts(): { readonly batch: BatchJobs } {
  return { batch: batchJobs(new BatchClient({})) };
}

/** `progress`: Batch, and the data bucket where failed jobs leave their failure records. */
export function progressPorts(env: Env): { readonly batch: BatchJobs; readonly records: ObjectStore } {
  const bucket = requireEnv(env, 'SEISLESS_BUCKET', 'the data bucket name');
  return { batch: batchJobs(new BatchClient({})), records: s3ObjectStore(new S3Client({}), bucket) };
}

/** Everything `submit` needs, from the environment. */
export function submitPorts(env: Env): Omit<SubmitDeps, 'now'> {
  const config = loadConfig(env);
  return {
    config,
    store: s3ObjectStore(new S3Client({}), config.bucket),
    batch: batchJobs(new BatchClient({})),
    reducerQueueUrl: reducerQueueUrl(new SQSClient({}), config.reducerQueueName),
  };
}
