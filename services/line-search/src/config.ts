import { type Env, requireEnv } from '@seisless/core';

/** The line search's configuration, read once per cold start. */
export interface LineSearchConfig {
  readonly bucket: string;
}

/**
 * Reads the line search's environment (serverless.common.yml).
 *
 * @example
 * const { bucket } = loadConfig(process.env);
 */
export function loadConfig(env: Env): LineSearchConfig {
  return Object.freeze({ bucket: requireEnv(env, 'SEISLESS_BUCKET', 'the data bucket name') });
}
