import middy from '@middy/core';
import { config, store } from '../ports';
import { type UpdateInput, update } from '../update';

export const handler = middy(async (event: UpdateInput) =>
  update(event, { store, pollSeconds: config.pollSeconds, now: Date.now }),
);
