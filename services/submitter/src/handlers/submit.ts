import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import type { JobsRef } from '../jobsRef';
import { submitJobs } from '../submit';
import { submitDeps } from './clients';

/** `submit`: `{ runId, iteration, kind, shots?, trial? }` → JobsRef (state-machine.md). */
export const handler = lambdaHandler<unknown, JobsRef>(
  { service: 'seisless-submitter', logKeys: stateInputLogKeys },
  (event) => submitJobs(event, submitDeps()),
);
