import { InputError, TransientError } from '../errors';

/** The fields of an AWS SDK v3 error that tell what went wrong. */
interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const MISSING = new Set(['NoSuchKey', 'NotFound']);
/** A conditional write lost: the object changed since it was read (the reducer reads and retries). */
const CONFLICT = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);
const TRANSIENT = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
  'InternalError',
  'ServiceUnavailable',
]);

const shapeOf = (error: unknown): SdkErrorShape => (typeof error === 'object' && error !== null ? error : {});

/**
 * Whether an S3 error means "no such object" (a 404 other than a missing bucket).
 *
 * @example
 * if (isMissingObject(error)) return undefined;
 */
export function isMissingObject(error: unknown): boolean {
  const e = shapeOf(error);
  return MISSING.has(e.name ?? '') || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}

function isTransient(e: SdkErrorShape): boolean {
  const status = e.$metadata?.httpStatusCode;
  // No HTTP status means no answer at all (connection refused, reset, timed out): worth a retry.
  return (
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    e.$fault === 'server' ||
    TRANSIENT.has(e.name ?? '')
  );
}

/**
 * Turns an S3 error into the seisless family where the family has a meaning for it: a lost
 * conditional write, throttling (`SlowDown`, `Throttling*`, 429, 503), any 5xx and a request
 * that got no answer become a `TransientError` (Step Functions' Retry and the reducer's own retry
 * match it); a range past the end becomes an `InputError`. Anything else (`AccessDenied`,
 * `NoSuchBucket`, …) is returned as it came, so its name and AWS's message reach the user.
 *
 * @example
 * throw translateS3Error(error, 'PutObject', 's3://seisless-dev-data/runs/demo/state.json');
 * // TransientError: s3://…/state.json: PutObject failed with SlowDown (…); expected an answer from S3 (retrying may help)
 */
export function translateS3Error(error: unknown, operation: string, subject: string): unknown {
  const e = shapeOf(error);
  const status = e.$metadata?.httpStatusCode;
  const failed = `${operation} failed with ${e.name ?? 'Error'} (${e.message ?? String(error)})`;
  if (CONFLICT.has(e.name ?? '') || status === 412 || status === 409) {
    return new TransientError(subject, failed, 'the object unchanged since it was read', { cause: error });
  }
  if (e.name === 'InvalidRange' || status === 416) {
    return new InputError(subject, failed, 'a byte range inside the object', { cause: error });
  }
  if (isTransient(e))
    return new TransientError(subject, failed, 'an answer from S3 (retrying may help)', { cause: error });
  return error;
}
