import { open, stat } from 'node:fs/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3BlobStore } from '../aws/s3BlobStore';

/**
 * Read-only, ranged access to the objects a spec names (a bucket, or files on disk), so the
 * checks read headers and samples, never a whole large object.
 */
export interface ObjectBytes {
  /** The object's name as the person knows it (`s3://bucket/key`, a path). */
  describe(key: string): string;
  /** Size in bytes, or undefined when there is no such object. */
  size(key: string): Promise<number | undefined>;
  /** Bytes `[start, end)`. */
  read(key: string, start: number, end: number): Promise<Uint8Array>;
}

/**
 * Objects stored as files: `pathOf` maps a key to its file (the local cloud's bucket folder).
 *
 * @example
 * const objects = fileObjectBytes((key) => join(dir, key));
 */
export function fileObjectBytes(pathOf: (key: string) => string): ObjectBytes {
  return {
    describe: pathOf,
    async size(key) {
      try {
        const info = await stat(pathOf(key));
        return info.isFile() ? info.size : undefined;
      } catch {
        return undefined;
      }
    },
    async read(key, start, end) {
      const file = await open(pathOf(key), 'r');
      try {
        const out = Buffer.alloc(Math.max(0, end - start));
        const { bytesRead } = await file.read(out, 0, out.length, start);
        return out.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    },
  };
}

/**
 * Objects in an S3 bucket, through the one S3 adapter (`s3BlobStore`): HeadObject for the size,
 * ranged GetObject for the bytes; throttling and 5xx answers are `TransientError`s.
 *
 * @example
 * const objects = s3ObjectBytes(new S3Client({}), 'seisless-dev-data');
 */
export function s3ObjectBytes(s3: S3Client, bucket: string): ObjectBytes {
  const blobs = s3BlobStore(s3);
  return {
    describe: (key) => `s3://${bucket}/${key}`,
    size: async (key) => (await blobs.head({ bucket, key }))?.size,
    async read(key, start, end) {
      if (end <= start) return new Uint8Array(0);
      return (await blobs.get({ bucket, key }, { first: start, last: end - 1 }))?.body ?? new Uint8Array(0);
    },
  };
}
