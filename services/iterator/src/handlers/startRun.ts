import middy from '@middy/core';
import { config, store } from '../ports';
import { type StartRunInput, startRun } from '../startRun';

export const handler = middy(async (event: StartRunInput) =>
  startRun(event, { store, pollSeconds: config.pollSeconds, now: () => new Date() }),
);
