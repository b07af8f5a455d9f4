import { ConfigError, describeReceived } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads one required environment variable, failing fast with its name and expected form.
 *
 * @example
 * const bucket = requireEnv(process.env, 'SEISLESS_BUCKET', 'an S3 bucket name');
 */
export function requireEnv(env: Env, name: string, expected: string): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(name, 'missing', expected);
  }
  return value;
}

/** Reads an optional environment variable, returning `fallback` when it is unset or empty. */
export function optionalEnv(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value.trim() === '' ? fallback : value;
}

/**
 * Reads a positive integer variable (required unless a fallback is given).
 *
 * @example
 * const timeout = intEnv(process.env, 'SEISLESS_JOB_TIMEOUT_S', 3600);
 */
export function intEnv(env: Env, name: string, fallback?: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(name, 'missing', 'a positive integer');
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new ConfigError(name, describeReceived(raw), 'a positive integer');
  }
  return value;
}
