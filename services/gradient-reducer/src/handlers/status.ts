import { S3Client } from '@aws-sdk/client-s3';
import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { loadConfig } from '../config';
import { type ReductionStatus, reductionStatus } from '../reductionStatus';
import { s3BlobStore } from '../s3BlobStore';

const config = loadConfig(process.env);
const deps = { store: s3BlobStore(new S3Client({})), bucket: config.bucket };

/** State machine task: `{ runId, iteration, shots, chunkCount }` → ReductionStatus. */
export const handler = lambdaHandler<unknown, ReductionStatus>(
  { service: 'seisless-gradient-reducer', logKeys: stateInputLogKeys },
  (event) => reductionStatus(event, deps),
);
