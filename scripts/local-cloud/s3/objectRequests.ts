import type { IncomingMessage } from 'node:http';
import type { LockMode } from './keyLocks';

/** An S3 request that reads or replaces one object (path-style URL), and how it must lock it. */
export interface ObjectRequest {
  readonly bucket: string;
  readonly key: string;
  readonly mode: LockMode;
  /** The PutObject preconditions (`If-Match` / `If-None-Match`) s3rver ignores. */
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
  /**
   * The tag set the object has once the request succeeds, which s3rver does not store itself:
   * a PutObject's `x-amz-tagging` (none: no tags, as a new object on S3 has), no tags after a
   * DeleteObject; `undefined` when the request leaves the tags alone.
   */
  readonly tagsAfter: ReadonlyMap<string, string> | undefined;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Classifies a request: GET/HEAD of an object read it, PUT (not UploadPart), DELETE and
 * CompleteMultipartUpload replace it. Anything else (buckets, listings, parts, uploads
 * being started) touches no object's visible state and is `undefined`.
 */
export function objectRequest(request: IncomingMessage): ObjectRequest | undefined {
  const url = new URL(request.url ?? '/', 'http://s3.local');
  const [bucket, ...rest] = url.pathname.slice(1).split('/');
  if (bucket === undefined || bucket === '' || rest.length === 0 || rest.join('') === '') return undefined;
  let key: string;
  try {
    key = decodeURIComponent(rest.join('/'));
  } catch {
    return undefined;
  }
  const query = url.searchParams;
  const method = request.method ?? 'GET';
  // An object's tags are part of it: reading them waits for a write that sets them.
  if (query.has('tagging')) {
    return { bucket, key, mode: method === 'GET' ? 'shared' : 'exclusive', ...UNCONDITIONAL };
  }
  const subresource = ['acl', 'uploads', 'partNumber'].some((name) => query.has(name));
  let mode: LockMode | undefined;
  if (method === 'GET' || method === 'HEAD') mode = subresource ? undefined : 'shared';
  else if (method === 'PUT' || method === 'DELETE') mode = subresource ? undefined : 'exclusive';
  else if (method === 'POST' && query.has('uploadId')) mode = 'exclusive';
  if (mode === undefined) return undefined;
  const conditional = method === 'PUT' && !query.has('uploadId');
  const putObject = conditional && header(request, 'x-amz-copy-source') === undefined;
  let tagsAfter: ReadonlyMap<string, string> | undefined;
  if (putObject) tagsAfter = parseTagging(header(request, 'x-amz-tagging') ?? '');
  else if (method === 'DELETE' && !query.has('uploadId')) tagsAfter = new Map();
  return {
    bucket,
    key,
    mode,
    ifMatch: conditional ? header(request, 'if-match') : undefined,
    ifNoneMatch: conditional ? header(request, 'if-none-match') : undefined,
    tagsAfter,
  };
}

const UNCONDITIONAL = { ifMatch: undefined, ifNoneMatch: undefined, tagsAfter: undefined } as const;

/** The tag set of an `x-amz-tagging` header, which is URL-query encoded (`k1=v1&k2=v2`). */
export function parseTagging(header: string): ReadonlyMap<string, string> {
  return new Map(new URLSearchParams(header));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A tag set as the `<Tagging>` document GetObjectTagging answers with. */
export function taggingXml(tags: ReadonlyMap<string, string>): string {
  const entries = [...tags].map(
    ([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`,
  );
  return `<Tagging><TagSet>${entries.join('')}</TagSet></Tagging>`;
}

/** Why a conditional write must not happen, as S3 answers it. */
export interface PreconditionFailure {
  readonly status: 404 | 412;
  readonly code: 'NoSuchKey' | 'PreconditionFailed';
  readonly message: string;
  readonly condition?: 'If-Match' | 'If-None-Match';
}

const unquote = (etag: string) => etag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');

/**
 * Checks PutObject's preconditions against the object's current ETag (undefined: no object):
 * `If-None-Match: *` fails on an existing object, `If-Match` on a missing (404) or changed one.
 */
export function preconditionFailure(
  request: Pick<ObjectRequest, 'ifMatch' | 'ifNoneMatch'>,
  currentEtag: string | undefined,
): PreconditionFailure | undefined {
  const failed = (condition: 'If-Match' | 'If-None-Match'): PreconditionFailure => ({
    status: 412,
    code: 'PreconditionFailed',
    message: 'At least one of the pre-conditions you specified did not hold',
    condition,
  });
  if (request.ifNoneMatch !== undefined && currentEtag !== undefined) {
    const tags = request.ifNoneMatch.split(',').map(unquote);
    if (tags.includes('*') || tags.includes(unquote(currentEtag))) return failed('If-None-Match');
  }
  if (request.ifMatch !== undefined) {
    if (currentEtag === undefined)
      return { status: 404, code: 'NoSuchKey', message: 'The specified key does not exist.' };
    const tags = request.ifMatch.split(',').map(unquote);
    if (!tags.includes('*') && !tags.includes(unquote(currentEtag))) return failed('If-Match');
  }
  return undefined;
}

/** The XML error body S3 sends with a failed precondition. */
export function errorXml(failure: PreconditionFailure, key: string): string {
  const condition = failure.condition === undefined ? '' : `<Condition>${failure.condition}</Condition>`;
  const escapedKey = escapeXml(key);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${failure.code}</Code><Message>${failure.message}</Message>${condition}` +
    `<Key>${escapedKey}</Key><RequestId>0000000000000000</RequestId></Error>`
  );
}
