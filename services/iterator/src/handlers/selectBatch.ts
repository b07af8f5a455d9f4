import { lambdaHandler, stateInputLogKeys } from '@seisless/core';
import { store } from '../ports';
import { selectBatch } from '../selectBatch';

export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: stateInputLogKeys },
  (event: { runId: string; iteration: number }) => selectBatch(event, { store }),
);
