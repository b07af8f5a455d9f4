import middy from '@middy/core';
import type { JobsProgress } from '../jobsRef';
import { jobProgress } from '../progress';
import { batchPort } from './clients';

/** `progress`: `{ jobs: JobsRef, failOnError }` → JobsProgress (throws JobsFailedError). */
export const handler = middy<unknown, JobsProgress>().handler((event) =>
  jobProgress(event, { batch: batchPort(), now: Date.now }),
);
