import type { IncomingMessage, ServerResponse } from 'node:http';
import type { IamGate } from './gate';
import { s3Checks } from './s3Checks';

/** An S3 error reply: status, code and message, sent as S3's XML error document. */
export interface S3Denial {
  readonly status: 403;
  readonly code: 'AccessDenied' | 'InvalidAccessKeyId';
  readonly message: string;
}

/** Whether an object exists (GetObject of a missing key: 404 or 403 depends on s3:ListBucket). */
export type KeyExists = (bucket: string, key: string) => Promise<boolean>;

/**
 * Authorises one S3 request: refuses an access key nobody holds (`InvalidAccessKeyId`) and an
 * unsigned request, then evaluates its actions (s3Checks). A GetObject/HeadObject of a missing key
 * by a caller without s3:ListBucket on the bucket is a 403 AccessDenied, as S3 answers it, so that a
 * caller cannot learn which keys exist. Undefined: let the request through.
 */
export async function guardS3Request(
  gate: IamGate,
  request: IncomingMessage,
  response: ServerResponse,
  keyExists: KeyExists,
): Promise<S3Denial | undefined> {
  if (!gate.enabled) return undefined;
  const url = new URL(request.url ?? '/', 'http://s3.local');
  const authentication = gate.authenticate(request.headers, url.searchParams);
  if (authentication.status === 'unsigned')
    return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
  if (authentication.status === 'unknown-key') {
    const message = 'The AWS Access Key Id you provided does not exist in our records.';
    return { status: 403, code: 'InvalidAccessKeyId', message };
  }
  const { caller } = authentication;
  if (caller.kind === 'admin') return undefined;
  const target = s3Checks(request.method ?? 'GET', url, request.headers, gate.policies.partition);
  const decision = await gate.authorize(caller, target.checks);
  if (!decision.allowed) return { status: 403, code: 'AccessDenied', message: decision.message };
  if (target.readsKey === undefined || target.bucket === undefined) return undefined;
  const list = { action: 's3:ListBucket', resource: `arn:${gate.policies.partition}:s3:::${target.bucket}` };
  const listing = await gate.authorize(caller, [list], false);
  if (listing.allowed) {
    // s3:ListBucket is exercised only when it turns a missing key into a 404.
    response.once('finish', () => {
      if (response.statusCode === 404) gate.evaluator.recordUse(caller, list);
    });
    return undefined;
  }
  if (await keyExists(target.bucket, target.readsKey)) return undefined;
  return { status: 403, code: 'AccessDenied', message: listing.message };
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** S3's XML error document for a denial. */
export function s3DenialXml(denial: S3Denial): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${denial.code}</Code><Message>${escapeXml(denial.message)}</Message>` +
    '<RequestId>0000000000000000</RequestId></Error>'
  );
}
