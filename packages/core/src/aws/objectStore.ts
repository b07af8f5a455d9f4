import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { InputError } from '../errors';
import { decodeFloat32Npy, encodeFloat32Npy, type Float32Npy } from '../npy/float32Npy';

/** An object's key, size and last-modified time, as a listing gives them. */
export interface ObjectInfo {
  readonly key: string;
  readonly size: number;
  readonly lastModified: number;
}

/** The narrow storage port that service logic receives instead of an S3 client. */
export interface ObjectStore {
  getJson<T>(key: string): Promise<T>;
  getJsonOrUndefined<T>(key: string): Promise<T | undefined>;
  putJson(key: string, value: unknown): Promise<void>;
  getNpy(key: string): Promise<Float32Npy>;
  putNpy(key: string, array: Float32Npy): Promise<void>;
  exists(key: string): Promise<boolean>;
  list(prefix: string): Promise<ObjectInfo[]>;
}

function isMissing(error: unknown): boolean {
  return (
    error instanceof NoSuchKey ||
    error instanceof NotFound ||
    (error as { name?: string }).name === 'NoSuchKey'
  );
}

/**
 * The S3 implementation of {@link ObjectStore} for one bucket.
 *
 * @example
 * const store = s3ObjectStore(new S3Client({}), config.bucket);
 * const spec = await store.getJson<RunSpecInput>('runs/demo/spec.json');
 */
export function s3ObjectStore(s3: S3Client, bucket: string): ObjectStore {
  const getBytes = async (key: string): Promise<Uint8Array> => {
    try {
      const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (out.Body === undefined) throw new InputError(`s3://${bucket}/${key}: empty response body`);
      return await out.Body.transformToByteArray();
    } catch (error) {
      if (isMissing(error)) throw new InputError(`s3://${bucket}/${key}: no such object`, { cause: error });
      throw error;
    }
  };
  const put = async (key: string, body: Uint8Array, contentType: string) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  };
  const store: ObjectStore = {
    async getJson<T>(key: string) {
      const text = Buffer.from(await getBytes(key)).toString('utf8');
      try {
        return JSON.parse(text) as T;
      } catch (cause) {
        throw new InputError(`s3://${bucket}/${key}: not valid JSON`, { cause });
      }
    },
    async getJsonOrUndefined<T>(key: string) {
      return (await store.exists(key)) ? store.getJson<T>(key) : undefined;
    },
    putJson: (key, value) => put(key, Buffer.from(JSON.stringify(value, null, 2)), 'application/json'),
    getNpy: async (key) => decodeFloat32Npy(await getBytes(key), `s3://${bucket}/${key}`),
    putNpy: (key, array) => put(key, encodeFloat32Npy(array), 'application/octet-stream'),
    async exists(key) {
      try {
        await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (
          isMissing(error) ||
          (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
        ) {
          return false;
        }
        throw error;
      }
    },
    async list(prefix) {
      const found: ObjectInfo[] = [];
      let token: string | undefined;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const item of page.Contents ?? []) {
          found.push({
            key: item.Key ?? '',
            size: item.Size ?? 0,
            lastModified: item.LastModified?.getTime() ?? 0,
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
      return found;
    },
  };
  return store;
}
