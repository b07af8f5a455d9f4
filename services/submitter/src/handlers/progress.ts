import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import type { JobsProgress } from '../jobsRef';
import { jobProgress } from '../progress';
import { batchPort } from './clients';

/** `progress`: `{ jobs: JobsRef, failOnError }` → JobsProgress (throws JobsFailedError). */
export const handler = lambdaHandler<unknown, JobsProgress>(
  { service: 'seisless-submitter', logKeys: stateInputLogKeys },
  (event) => jobProgress(event, { batch: batchPort(), now: Date.now }),
);
