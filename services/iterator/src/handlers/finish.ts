import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { finish, finishInputSchema } from '../finish';
import { iteratorPorts } from '../ports';

/** `finish`: `{ runId, status, error? }` → `{ runId, status }`, recorded in the run state. */
export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys, input: finishInputSchema, deps: iteratorPorts },
  (input, { deps: { store } }) => finish(input, { store, now: () => new Date() }),
);
