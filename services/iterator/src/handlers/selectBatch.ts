import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { iteratorPorts } from '../ports';
import { selectBatch, selectBatchInputSchema } from '../selectBatch';

/** `selectBatch`: `{ runId, iteration }` → `{ iteration, shots }`. */
export const handler = lambdaHandler(
  {
    service: 'seisless-iterator',
    logKeys: stateInputLogKeys,
    input: selectBatchInputSchema,
    deps: iteratorPorts,
  },
  (input, { deps: { store } }) => selectBatch(input, { store }),
);
