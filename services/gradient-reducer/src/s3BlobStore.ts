import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { InputError, SeislessError, TransientError } from '@seisless/core';
import type { BlobInfo, BlobRef, BlobStore, ByteRange, PutOptions, StoredBlob } from './blobStore';

interface SdkErrorShape {
  readonly name?: string;
  readonly message?: string;
  readonly $fault?: 'client' | 'server';
  readonly $metadata?: { readonly httpStatusCode?: number };
}

const MISSING = new Set(['NoSuchKey', 'NotFound']);
const CONFLICT = new Set(['PreconditionFailed', 'ConditionalRequestConflict']);
const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'TimeoutError',
]);

function isMissing(error: unknown): boolean {
  const e = error as SdkErrorShape;
  return MISSING.has(e.name ?? '') || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket');
}

/** Turns an SDK error into the seisless family, naming the operation and the object. */
export function translateS3Error(error: unknown, operation: string, where: string): SeislessError {
  const e = error as SdkErrorShape;
  const status = e.$metadata?.httpStatusCode;
  const what = `${where}: ${operation} failed (${e.name ?? 'Error'}: ${e.message ?? String(error)})`;
  if (CONFLICT.has(e.name ?? '') || status === 412 || status === 409) {
    return new TransientError(`${what}; the object changed since it was read, expected it unchanged`, {
      cause: error,
    });
  }
  if (e.name === 'InvalidRange' || status === 416) {
    return new InputError(`${what}; the object is shorter than the requested byte range`, { cause: error });
  }
  // No HTTP status means no response at all (connection refused, reset, timed out): worth a retry.
  const transient =
    status === undefined ||
    status >= 500 ||
    status === 429 ||
    e.$fault === 'server' ||
    THROTTLED.has(e.name ?? '');
  return transient ? new TransientError(what, { cause: error }) : new SeislessError(what, { cause: error });
}

/** The total object size from a `Content-Range: bytes a-b/total` header, else the body length. */
function totalSize(contentRange: string | undefined, contentLength: number | undefined): number {
  const total = contentRange === undefined ? undefined : /\/(\d+)$/.exec(contentRange)?.[1];
  return total === undefined ? (contentLength ?? 0) : Number(total);
}

const url = (ref: BlobRef) => `s3://${ref.bucket}/${ref.key}`;

async function getBlob(s3: S3Client, ref: BlobRef, range?: ByteRange): Promise<StoredBlob | undefined> {
  const Range = range === undefined ? undefined : `bytes=${range.first}-${range.last}`;
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, Range }));
    const body = out.Body === undefined ? new Uint8Array(0) : await out.Body.transformToByteArray();
    return {
      body,
      metadata: out.Metadata ?? {},
      etag: out.ETag,
      lastModified: out.LastModified,
      size: totalSize(out.ContentRange, out.ContentLength ?? body.byteLength),
    };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw translateS3Error(error, Range === undefined ? 'GetObject' : `GetObject ${Range}`, url(ref));
  }
}

async function headBlob(s3: S3Client, ref: BlobRef): Promise<BlobInfo | undefined> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    const { Metadata, ETag, LastModified, ContentLength } = out;
    return { metadata: Metadata ?? {}, etag: ETag, lastModified: LastModified, size: ContentLength ?? 0 };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw translateS3Error(error, 'HeadObject', url(ref));
  }
}

async function putBlob(s3: S3Client, ref: BlobRef, body: Uint8Array, options: PutOptions): Promise<void> {
  const { metadata, contentType, ifMatch, ifNoneMatch, tagging } = options;
  const input = { Bucket: ref.bucket, Key: ref.key, Body: body, ContentLength: body.byteLength };
  const extras = {
    Metadata: metadata,
    ContentType: contentType,
    IfMatch: ifMatch,
    IfNoneMatch: ifNoneMatch,
    Tagging: tagging,
  };
  try {
    await s3.send(new PutObjectCommand({ ...input, ...extras }));
  } catch (error) {
    throw translateS3Error(error, 'PutObject', url(ref));
  }
}

async function listKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (error) {
    throw translateS3Error(error, 'ListObjectsV2', `s3://${bucket}/${prefix}`);
  }
  return keys;
}

/**
 * The S3 implementation of {@link BlobStore}. Endpoints and credentials come from the client
 * (and so from `AWS_ENDPOINT_URL_S3` and the standard variables).
 *
 * @example
 * const store = s3BlobStore(new S3Client({}));
 * const header = await store.get({ bucket, key }, { first: 0, last: 127 });
 */
export function s3BlobStore(s3: S3Client): BlobStore {
  return {
    get: (ref, range) => getBlob(s3, ref, range),
    head: (ref) => headBlob(s3, ref),
    put: (ref, body, options = {}) => putBlob(s3, ref, body, options),
    list: (bucket, prefix) => listKeys(s3, bucket, prefix),
  };
}
