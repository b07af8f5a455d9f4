import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { config, store } from '../ports';
import { type UpdateInput, update } from '../update';

export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys },
  (event: UpdateInput) => update(event, { store, pollSeconds: config.pollSeconds, now: Date.now }),
);
