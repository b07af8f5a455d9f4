import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { storePorts } from '../ports';
import { reductionStatus, statusQuerySchema } from '../reductionStatus';

/** State machine task: `{ runId, iteration, shots, chunkCount }` → ReductionStatus. */
export const handler = lambdaHandler(
  {
    service: 'seisless-gradient-reducer',
    logKeys: stateInputLogKeys,
    input: statusQuerySchema,
    deps: storePorts,
  },
  (query, { deps }) => reductionStatus(query, deps),
);
