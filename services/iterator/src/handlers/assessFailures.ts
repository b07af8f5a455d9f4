import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { type Assessable, assessFailures } from '../assessFailures';
import { config, store } from '../ports';

export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys },
  (event: Assessable & { runId: string; iteration: number }) =>
    assessFailures(event, { store, now: Date.now, graceSeconds: config.reductionGraceSeconds }),
);
