import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { config, store } from '../ports';
import { type StartRunInput, startRun } from '../startRun';

export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys },
  (event: StartRunInput) =>
    startRun(event, { store, pollSeconds: config.pollSeconds, now: () => new Date() }),
);
