import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type {
  BlobInfo,
  BlobRef,
  BlobStore,
  ByteRange,
  ObjectInfo,
  PutOptions,
  StoredBlob,
} from './blobStore';
import { isMissingObject, translateS3Error } from './s3Errors';

const url = (ref: BlobRef) => `s3://${ref.bucket}/${ref.key}`;

/** The total object size from a `Content-Range: bytes a-b/total` header, else the body length. */
function totalSize(contentRange: string | undefined, contentLength: number): number {
  const total = contentRange === undefined ? undefined : /\/(\d+)$/.exec(contentRange)?.[1];
  return total === undefined ? contentLength : Number(total);
}

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
    if (isMissingObject(error)) return undefined;
    throw translateS3Error(error, Range === undefined ? 'GetObject' : `GetObject ${Range}`, url(ref));
  }
}

async function headBlob(s3: S3Client, ref: BlobRef): Promise<BlobInfo | undefined> {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
    const { Metadata, ETag, LastModified, ContentLength } = out;
    return { metadata: Metadata ?? {}, etag: ETag, lastModified: LastModified, size: ContentLength ?? 0 };
  } catch (error) {
    if (isMissingObject(error)) return undefined;
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

/**
 * Every object under a prefix (all pages), with its size and last-modified time.
 *
 * @example
 * const gradients = await listObjects(new S3Client({}), bucket, 'runs/demo/iterations/1/gradients/');
 */
export async function listObjects(s3: S3Client, bucket: string, prefix: string): Promise<ObjectInfo[]> {
  const found: ObjectInfo[] = [];
  let token: string | undefined;
  try {
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key === undefined) continue;
        found.push({ key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified?.getTime() ?? 0 });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } catch (error) {
    throw translateS3Error(error, 'ListObjectsV2', `s3://${bucket}/${prefix}`);
  }
  return found;
}

/**
 * The one S3 adapter of seisless: the {@link BlobStore} port on S3, with S3's errors translated
 * (`translateS3Error`). Endpoints and credentials come from the client (and so from
 * `AWS_ENDPOINT_URL_S3` and the standard variables).
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
    list: async (bucket, prefix) => (await listObjects(s3, bucket, prefix)).map((item) => item.key),
  };
}
