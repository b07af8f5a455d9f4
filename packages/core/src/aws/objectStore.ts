import type { S3Client } from '@aws-sdk/client-s3';
import { InputError } from '../errors';
import { decodeFloat32Npy, encodeFloat32Npy, type Float32Npy } from '../npy/float32Npy';
import type { BlobStore, ObjectInfo } from './blobStore';
import { listObjects, s3BlobStore } from './s3BlobStore';

/** The bucket-bound JSON and `.npy` port that most service logic receives instead of an S3 client. */
export interface ObjectStore {
  getJson<T>(key: string): Promise<T>;
  getJsonOrUndefined<T>(key: string): Promise<T | undefined>;
  putJson(key: string, value: unknown): Promise<void>;
  getNpy(key: string): Promise<Float32Npy>;
  putNpy(key: string, array: Float32Npy): Promise<void>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<ObjectInfo[]>;
}

/** The JSON and `.npy` reads and writes of {@link ObjectStore}, without its listing. */
export type BucketObjects = Omit<ObjectStore, 'list'>;

/**
 * {@link ObjectStore}'s reads and writes over a {@link BlobStore} for one bucket: JSON as
 * indented UTF-8 text, arrays as float32 `.npy`. A missing object read with `getJson`/`getNpy` is
 * an `InputError`; the blob store's errors (a `TransientError` on throttling) pass through. For
 * logic that also needs the blob store's ranges and metadata (the gradient reducer).
 *
 * @example
 * const objects = bucketObjects(s3BlobStore(new S3Client({})), config.bucket);
 * await objects.putJson(runKeys('demo').gradientSummary(2), summary);
 */
export function bucketObjects(blobs: BlobStore, bucket: string): BucketObjects {
  const url = (key: string) => `s3://${bucket}/${key}`;
  const read = async (key: string): Promise<Uint8Array | undefined> =>
    (await blobs.get({ bucket, key }))?.body;
  const readExisting = async (key: string): Promise<Uint8Array> => {
    const bytes = await read(key);
    if (bytes === undefined) throw new InputError(url(key), 'no such object', 'an existing object');
    return bytes;
  };
  const parse = <T>(key: string, bytes: Uint8Array): T => {
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8')) as T;
    } catch (cause) {
      throw new InputError(url(key), 'not valid JSON', 'a JSON document', { cause });
    }
  };
  const put = (key: string, body: Uint8Array, contentType: string) =>
    blobs.put({ bucket, key }, body, { contentType });
  return {
    getJson: async <T>(key: string) => parse<T>(key, await readExisting(key)),
    async getJsonOrUndefined<T>(key: string) {
      const bytes = await read(key);
      return bytes === undefined ? undefined : parse<T>(key, bytes);
    },
    putJson: (key, value) => put(key, Buffer.from(JSON.stringify(value, null, 2)), 'application/json'),
    getNpy: async (key) => decodeFloat32Npy(await readExisting(key), url(key)),
    putNpy: (key, array) => put(key, encodeFloat32Npy(array), 'application/octet-stream'),
    exists: async (key) => (await blobs.head({ bucket, key })) !== undefined,
  };
}

/**
 * The S3 implementation of {@link ObjectStore} for one bucket, on the one S3 adapter
 * ({@link s3BlobStore}): S3 throttling and 5xx errors surface as `TransientError`.
 *
 * @example
 * const store = s3ObjectStore(new S3Client({}), config.bucket);
 * const spec = await store.getJson<RunSpecInput>('runs/demo/spec.json');
 */
export function s3ObjectStore(s3: S3Client, bucket: string): ObjectStore {
  return { ...bucketObjects(s3BlobStore(s3), bucket), list: (prefix) => listObjects(s3, bucket, prefix) };
}
