import { type RunLogKeys, runLogKeys, runRefOfObject } from './runLogKeys';

/**
 * Log keys of a state-machine task input: its own `runId`/`iteration`/`shot`, and those of the
 * JobsRef(s) it carries under `jobs` (the progress and cancel tasks get nothing else).
 *
 * @example
 * stateInputLogKeys({ runId: 'demo', iteration: 2, kind: 'gradient' }) // { runId: 'demo', iteration: 2 }
 */
export function stateInputLogKeys(input: unknown): RunLogKeys {
  const jobs = typeof input === 'object' && input !== null ? (input as { jobs?: unknown }).jobs : undefined;
  const carried = Array.isArray(jobs) ? jobs : jobs === undefined ? [] : [jobs];
  return runLogKeys([runRefOfObject(input), ...carried.map(runRefOfObject)]);
}
