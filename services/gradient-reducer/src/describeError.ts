/**
 * An error as a short JSON-friendly object for a log line: name and message, without the stack
 * the Logger would print for every failed record of a batch.
 */
export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}
