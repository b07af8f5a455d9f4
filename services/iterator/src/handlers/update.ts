import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { iteratorPorts } from '../ports';
import { update, updateInputSchema } from '../update';

/** `update`: `{ runId, iteration, step, gradients? }` → RunContext of the next iteration. */
export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys, input: updateInputSchema, deps: iteratorPorts },
  (input, { deps: { config, store } }) =>
    update(input, { store, pollSeconds: config.pollSeconds, now: Date.now }),
);
