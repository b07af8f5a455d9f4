import type { SQSEvent } from 'aws-lambda';
import { type RunLogKeys, type RunRef, runLogKeys, runRefOfObject } from './runLogKeys';

/** A body that is not JSON (a malformed message on its way to the dead-letter queue) names nothing. */
function runRefOfBody(body: string): RunRef {
  try {
    return runRefOfObject(JSON.parse(body));
  } catch {
    return {};
  }
}

/**
 * Log keys of an SQS batch of reduction messages (docs/contracts/messages.md): the run, iteration
 * and shot in each message body.
 *
 * @example
 * sqsLogKeys(event) // { runId: 'demo', iteration: 1, shots: [0, 4, 7] }
 */
export function sqsLogKeys(event: SQSEvent): RunLogKeys {
  return runLogKeys((event.Records ?? []).map((record) => runRefOfBody(record.body)));
}
