import { S3Client } from '@aws-sdk/client-s3';
import { lambdaHandler, requireEnv, s3ObjectStore, stateInputLogKeys } from '@seisless/core';
import type { JobsProgress } from '../jobsRef';
import { jobProgress } from '../progress';
import { batchPort, once } from './clients';

/** Where failed jobs' records are read from (failureRecords.ts). */
const records = once(() =>
  s3ObjectStore(new S3Client({}), requireEnv(process.env, 'SEISLESS_BUCKET', 'the data bucket name')),
);

/** `progress`: `{ jobs: JobsRef, failOnError }` → JobsProgress (throws JobsFailedError). */
export const handler = lambdaHandler<unknown, JobsProgress>(
  { service: 'seisless-submitter', logKeys: stateInputLogKeys },
  (event) => jobProgress(event, { batch: batchPort(), records: records(), now: Date.now }),
);
