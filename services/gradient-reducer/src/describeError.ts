/** An error as a short JSON-friendly object for a log line. */
export function describeError(error: unknown): { name: string; message: string } {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { name: 'Error', message: String(error) };
}

/**
 * Writes one structured log line (CloudWatch Logs Insights reads JSON lines).
 *
 * @example
 * logLine('reduce', { counts, failures: [] });
 */
export function logLine(event: string, fields: Record<string, unknown>): void {
  console.log(JSON.stringify({ event, ...fields }));
}
