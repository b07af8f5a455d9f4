import middy from '@middy/core';
import { store } from '../ports';
import { selectBatch } from '../selectBatch';

export const handler = middy(async (event: { runId: string; iteration: number }) =>
  selectBatch(event, { store }),
);
