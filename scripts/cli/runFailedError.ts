import { SeislessError } from '@seisless/core';

/** The run's execution ended in failure; the message carries the error the run recorded. */
export class RunFailedError extends SeislessError {
  constructor(message: string) {
    super(message);
    this.name = 'RunFailedError';
  }
}

/** An error as the state machine records it: `{ Error, Cause }`. */
export interface RecordedError {
  readonly Error?: string;
  readonly Cause?: string;
}

/** The message of a recorded error: a Lambda error's `errorMessage` when Cause is one as JSON, else Cause. */
export function errorMessage(error: RecordedError): string {
  const cause = error.Cause ?? '';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    if (typeof parsed.errorMessage === 'string') return parsed.errorMessage;
  } catch {
    // Cause is plain text.
  }
  return cause;
}

/** One readable line from a recorded `{ Error, Cause }` (Cause is often a Lambda error as JSON). */
export function errorLine(error: RecordedError | undefined): string {
  if (error === undefined) return 'no error was recorded';
  const message = errorMessage(error);
  const name = error.Error ?? 'Error';
  return message === '' ? name : `${name}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}
