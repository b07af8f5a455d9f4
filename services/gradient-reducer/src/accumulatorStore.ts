import type { BlobRef, BlobStore, PutOptions } from '@seisless/core';
import {
  type AccumulatorContents,
  type AccumulatorSummary,
  decodeAccumulator,
  decodeAccumulatorMetadata,
  encodeAccumulator,
  runKeys,
  SCRATCH_TAGGING,
} from '@seisless/core';

/** One chunk's running sum with its manifest, as read from S3. */
export interface Accumulator extends AccumulatorContents {
  /** The ETag read, for the conditional write back (undefined when the store gives none). */
  readonly etag: string | undefined;
}

/** An accumulator's summary and when it was last written, as a HEAD gives them. */
export interface AccumulatorHead extends AccumulatorSummary {
  /** The writer's clock (`x-amz-meta-written-at`, ms), else S3's Last-Modified (whole seconds). */
  readonly lastModified: Date | undefined;
}

/** Where the accumulator of chunk `chunk` of iteration `iteration` lives. */
export function accumulatorRef(
  bucket: string,
  at: { readonly runId: string; readonly iteration: number; readonly chunk: number },
): BlobRef {
  return { bucket, key: runKeys(at.runId).accumulator(at.iteration, at.chunk) };
}

const url = (ref: BlobRef) => `s3://${ref.bucket}/${ref.key}`;

/**
 * Reads an accumulator's data and manifest (one GET), or `undefined` when no shot has been
 * summed yet. Throws an InputError when the object breaks the format (`decodeAccumulator`);
 * `expectedLength`, when given, is the chunk's number of elements.
 */
export async function readAccumulator(
  store: BlobStore,
  ref: BlobRef,
  expectedLength?: number,
): Promise<Accumulator | undefined> {
  const blob = await store.get(ref);
  if (blob === undefined) return undefined;
  return { ...decodeAccumulator(blob, url(ref), expectedLength), etag: blob.etag };
}

/** Reads an accumulator's summary without its data (one HEAD), or `undefined` when absent. */
export async function headAccumulator(store: BlobStore, ref: BlobRef): Promise<AccumulatorHead | undefined> {
  const info = await store.head(ref);
  if (info === undefined) return undefined;
  const summary = decodeAccumulatorMetadata(info.metadata, url(ref));
  const writtenAt = summary.writtenAt === undefined ? undefined : new Date(summary.writtenAt);
  return { ...summary, lastModified: writtenAt ?? info.lastModified };
}

/**
 * Writes an accumulator's data and manifest in ONE PUT, conditional on the object being the one
 * that was read (`If-Match` its ETag, or `If-None-Match: *` when there was none), so a stale
 * writer fails with a TransientError instead of overwriting a newer sum. `next.writtenAt` (epoch
 * ms) is the writer's clock, for the run report's reduction tail. Accumulators are scratch (tagged
 * for the bucket's lifecycle expiry): the iteration's update reads them once.
 */
export async function writeAccumulator(
  store: BlobStore,
  ref: BlobRef,
  next: AccumulatorContents,
  previous: Accumulator | undefined,
): Promise<void> {
  const { body, metadata } = encodeAccumulator(next);
  const condition: PutOptions =
    previous === undefined
      ? { ifNoneMatch: '*' }
      : previous.etag === undefined
        ? {}
        : { ifMatch: previous.etag };
  await store.put(ref, body, {
    ...condition,
    metadata,
    contentType: 'application/octet-stream',
    tagging: SCRATCH_TAGGING,
  });
}
