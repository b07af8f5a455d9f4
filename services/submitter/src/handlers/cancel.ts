import middy from '@middy/core';
import { type CancelResult, cancelJobs } from '../cancel';
import { batchPort } from './clients';

/** `cancel`: `{ runId, jobs: JobsRef | JobsRef[], reason? }` → `{ runId, terminated }`. */
export const handler = middy<unknown, CancelResult>().handler((event) =>
  cancelJobs(event, { batch: batchPort() }),
);
