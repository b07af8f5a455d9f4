import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { assessFailures, assessInputSchema } from '../assessFailures';
import { iteratorPorts } from '../ports';

/** `assessFailures`: `{ runId, iteration, jobs, reduction }` → Assessment (throws ShotsFailedError). */
export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys, input: assessInputSchema, deps: iteratorPorts },
  (input, { deps: { config, store } }) =>
    assessFailures(input, { store, now: Date.now, graceSeconds: config.reductionGraceSeconds }),
);
