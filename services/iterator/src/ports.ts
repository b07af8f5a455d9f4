import { S3Client } from '@aws-sdk/client-s3';
import { s3ObjectStore } from '@seisless/core';
import { loadConfig } from './config';

/** Configuration and ports, built once per cold start and shared by the handlers. */
export const config = loadConfig(process.env);
export const store = s3ObjectStore(new S3Client({}), config.bucket);
