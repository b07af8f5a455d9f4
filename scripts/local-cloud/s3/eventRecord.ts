import { createHash, randomBytes } from 'node:crypto';
import type { S3Subscription } from '../wiring/model';
import type { S3ChildEvent } from './server';

/**
 * Encodes an object key the way S3 event notifications carry it: form URL encoding (a space
 * becomes `+`, other reserved or non-ASCII bytes `%XX`), with `/` left as it is.
 *
 * @example
 * encodeEventKey('runs/a b/spec(1).json'); // 'runs/a+b/spec%281%29.json'
 */
export function encodeEventKey(key: string): string {
  let out = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-_.*/]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** `s3:ObjectCreated:*` matches `ObjectCreated:Put`; `s3:ObjectCreated:Put` only itself. */
export function matchesEventType(configured: string, eventName: string): boolean {
  const wanted = configured.replace(/^s3:/, '');
  return wanted.endsWith('*') ? eventName.startsWith(wanted.slice(0, -1)) : wanted === eventName;
}

/** Prefix and suffix rules are compared with the key as it appears in the event (encoded). */
export function matchesSubscription(
  subscription: S3Subscription,
  bucket: string,
  eventName: string,
  key: string,
): boolean {
  const encoded = encodeEventKey(key);
  return (
    subscription.bucket === bucket &&
    matchesEventType(subscription.event, eventName) &&
    encoded.startsWith(subscription.prefix ?? '') &&
    encoded.endsWith(subscription.suffix ?? '')
  );
}

/** One record of an S3 event notification (event version 2.1), as Lambda receives it. */
export function s3EventRecord(
  event: S3ChildEvent,
  region: string,
  configurationId: string,
): Record<string, unknown> {
  const created = event.eventName.startsWith('ObjectCreated');
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: event.eventTime,
    eventName: event.eventName,
    userIdentity: { principalId: 'AWS:LOCALCLOUD' },
    requestParameters: { sourceIPAddress: event.sourceIp },
    responseElements: {
      'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
      'x-amz-id-2': createHash('sha256').update(event.sequencer).digest('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId,
      bucket: {
        name: event.bucket,
        ownerIdentity: { principalId: 'LOCALCLOUD' },
        arn: `arn:aws:s3:::${event.bucket}`,
      },
      object: {
        key: encodeEventKey(event.key),
        ...(created ? { size: event.size ?? 0, eTag: event.eTag } : {}),
        sequencer: event.sequencer,
      },
    },
  };
}
