import middy from '@middy/core';
import type { JobsRef } from '../jobsRef';
import { submitJobs } from '../submit';
import { submitDeps } from './clients';

/** `submit`: `{ runId, iteration, kind, shots?, trial? }` → JobsRef (state-machine.md). */
export const handler = middy<unknown, JobsRef>().handler((event) => submitJobs(event, submitDeps()));
