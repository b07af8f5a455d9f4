import { SeislessError } from '@seisless/core';

/** The run's execution ended in failure; the message carries the error the run recorded. */
export class RunFailedError extends SeislessError {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailedError';
  }
}

/** One readable line from a recorded `{ Error, Cause }` (Cause is often a Lambda error as JSON). */
export function errorLine(error: { Error?: string; Cause?: string } | undefined): string {
  if (error === undefined) return 'no error was recorded';
  const cause = error.Cause ?? '';
  let message = cause;
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string; errorType?: string };
    if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
  } catch {
    // Cause is plain text.
  }
  const name = error.Error ?? 'Error';
  return message === '' ? name : `${name}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}
