import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { jobProgress, progressRequestSchema } from '../progress';
import { progressPorts } from './clients';

/** `progress`: `{ jobs: JobsRef, failOnError }` → JobsProgress (throws JobsFailedError). */
export const handler = lambdaHandler(
  {
    service: 'seisless-submitter',
    logKeys: stateInputLogKeys,
    input: progressRequestSchema,
    deps: progressPorts,
  },
  (request, { deps }) => jobProgress(request, { ...deps, now: Date.now }),
);
