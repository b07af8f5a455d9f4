import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { assembleIteration, assembleRequestSchema } from '../assemble';
import { storePorts } from '../ports';

/** State machine task: `{ runId, iteration }` → AssembleResult; writes `gradient.npy` and `gradient.json`. */
export const handler = lambdaHandler(
  {
    service: 'seisless-gradient-reducer',
    logKeys: stateInputLogKeys,
    input: assembleRequestSchema,
    deps: storePorts,
  },
  (request, { deps }) => assembleIteration(request, deps),
);
