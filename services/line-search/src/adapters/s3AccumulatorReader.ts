import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AccumulatorReader } from '../ports';

/**
 * Reads objects with their user metadata from one bucket (endpoint from `AWS_ENDPOINT_URL_S3`).
 *
 * @example
 * const accumulators = s3AccumulatorReader(new S3Client({}), 'seisless-dev-data');
 */
export function s3AccumulatorReader(client: S3Client, bucket: string): AccumulatorReader {
  return {
    async read(key) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const bytes = out.Body === undefined ? new Uint8Array() : await out.Body.transformToByteArray();
        return { bytes, metadata: out.Metadata ?? {} };
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}
