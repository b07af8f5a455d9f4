import { SeislessError } from '@seisless/core';

/**
 * Something outside the input is in the way: an endpoint that does not answer, missing or refused
 * credentials, no region, a data folder that cannot be written. Not a bug: exit 1 with one line
 * saying what to do.
 */
export class EnvironmentError extends SeislessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnvironmentError';
  }
}

const MAX_CAUSE_DEPTH = 8;

/**
 * The EnvironmentError an error is or was caused by: adapters may wrap what the SDK threw (e.g.
 * the S3 adapter turns "no answer" into a TransientError), keeping it as `cause`.
 */
export function environmentErrorIn(error: unknown): EnvironmentError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    if (current instanceof EnvironmentError) return current;
    current = current.cause;
  }
  return undefined;
}
