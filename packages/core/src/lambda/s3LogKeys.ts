import type { S3Event } from 'aws-lambda';
import { type RunLogKeys, runLogKeys, runRefOfKey } from './runLogKeys';

/** S3 event keys are URL-encoded with '+' for spaces; a malformed escape is read as it stands. */
function decodeEventKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}

/**
 * Log keys of an S3 notification: the run, iteration and shot named by each object key.
 *
 * @example
 * s3LogKeys(event) // { runId: 'demo' } for `runs/demo/spec.json`
 */
export function s3LogKeys(event: S3Event): RunLogKeys {
  return runLogKeys((event.Records ?? []).map((record) => runRefOfKey(decodeEventKey(record.s3.object.key))));
}
