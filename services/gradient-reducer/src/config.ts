import { type Env, requireEnv } from '@seisless/core';

/** The gradient reducer's configuration, read once per cold start. */
export interface ReducerConfig {
  /** The run data bucket: accumulators and dead-letter records live here. */
  readonly bucket: string;
}

/**
 * Reads the reducer's configuration from the environment, failing fast on a missing variable.
 *
 * @example
 * const config = loadConfig(process.env); // { bucket: 'seisless-dev-data' }
 */
export function loadConfig(env: Env): ReducerConfig {
  return Object.freeze({
    bucket: requireEnv(env, 'SEISLESS_BUCKET', 'the name of the run data bucket'),
  });
}
