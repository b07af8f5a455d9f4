import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { type FinishInput, finish } from '../finish';
import { store } from '../ports';

export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys },
  (event: FinishInput) => finish(event, { store, now: () => new Date() }),
);
