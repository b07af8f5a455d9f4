import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { type CancelResult, cancelJobs } from '../cancel';
import { batchPort } from './clients';

/** `cancel`: `{ runId, jobs: JobsRef | JobsRef[], reason? }` → `{ runId, terminated }`. */
export const handler = lambdaHandler<unknown, CancelResult>(
  { service: 'seisless-submitter', logKeys: stateInputLogKeys },
  (event) => cancelJobs(event, { batch: batchPort() }),
);
