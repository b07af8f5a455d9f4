import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { cancelJobs, cancelRequestSchema } from '../cancel';
import { cancelPorts } from './clients';

/** `cancel`: `{ runId, jobs: JobsRef | JobsRef[], reason? }` → `{ runId, terminated }`. */
export const handler = lambdaHandler(
  {
    service: 'seisless-submitter',
    logKeys: stateInputLogKeys,
    input: cancelRequestSchema,
    deps: cancelPorts,
  },
  (request, { deps }) => cancelJobs(request, deps),
);
