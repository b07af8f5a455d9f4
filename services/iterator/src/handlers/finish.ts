import middy from '@middy/core';
import { type FinishInput, finish } from '../finish';
import { store } from '../ports';

export const handler = middy(async (event: FinishInput) => finish(event, { store, now: () => new Date() }));
