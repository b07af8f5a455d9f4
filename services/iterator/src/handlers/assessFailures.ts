import middy from '@middy/core';
import { type Assessable, assessFailures } from '../assessFailures';
import { config, store } from '../ports';

export const handler = middy(async (event: Assessable & { runId: string; iteration: number }) =>
  assessFailures(event, { store, now: Date.now, graceSeconds: config.reductionGraceSeconds }),
);
