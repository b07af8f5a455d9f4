import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { submitRequestSchema } from '../jobPlan';
import { submitJobs } from '../submit';
import { submitPorts } from './clients';

/** `submit`: `{ runId, iteration, kind, shots?, trial? }` → JobsRef (state-machine.md). */
export const handler = lambdaHandler(
  {
    service: 'seisless-submitter',
    logKeys: stateInputLogKeys,
    input: submitRequestSchema,
    deps: submitPorts,
  },
  (request, { deps }) => submitJobs(request, { ...deps, now: Date.now }),
);
