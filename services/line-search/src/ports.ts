import { S3Client } from '@aws-sdk/client-s3';
import { type BlobStore, type Env, type ObjectStore, s3BlobStore, s3ObjectStore } from '@seisless/core';
import { loadConfig } from './config';

/** An object read with its user metadata (keys without `x-amz-meta-`). */
export interface StoredObject {
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/** Reads accumulators, whose manifests live in their metadata (`stepPorts`: the S3 adapter's `get`). */
export interface AccumulatorReader {
  /** The object with its metadata, or undefined when there is none under `key`. */
  read(key: string): Promise<StoredObject | undefined>;
}

/** What the line search's logic receives. */
export interface StepDeps {
  readonly store: ObjectStore;
  readonly accumulators: AccumulatorReader;
  readonly now: () => number;
}

/** Reads whole objects with their metadata from one bucket, through the blob store. */
function accumulatorReader(blobs: BlobStore, bucket: string): AccumulatorReader {
  return {
    async read(key) {
      const blob = await blobs.get({ bucket, key });
      return blob === undefined ? undefined : { bytes: blob.body, metadata: blob.metadata };
    },
  };
}

/**
 * The line search's dependencies, built once per cold start (`deps` of `lambdaHandler`), on the
 * one S3 adapter of `@seisless/core`: throttling and 5xx errors surface as `TransientError`.
 *
 * @example
 * const deps = stepPorts({ SEISLESS_BUCKET: 'seisless-dev-data' });
 */
export function stepPorts(env: Env): StepDeps {
  const { bucket } = loadConfig(env);
  const s3 = new S3Client({});
  return {
    store: s3ObjectStore(s3, bucket),
    accumulators: accumulatorReader(s3BlobStore(s3), bucket),
    now: Date.now,
  };
}
