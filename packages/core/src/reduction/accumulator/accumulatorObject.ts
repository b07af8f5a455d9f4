/**
 * The accumulator object: the one definition of its format, used by the reducer that writes it
 * and by every reader (the reducer's merge and status query, the gradient's assembly).
 *
 * ## Accumulator object
 *
 * `runs/{runId}/iterations/{k}/accumulators/chunk-{c}.npy` (`runKeys(runId).accumulator(k, c)`):
 * chunk c's running sum, a 1-D little-endian float32 `.npy` of the chunk's length, written in ONE
 * PUT together with its user metadata (so data and manifest never disagree):
 *
 * | metadata key | value |
 * |---|---|
 * | `x-amz-meta-manifest` | base64 of the bitset over batch positions (bit `j` of byte `j >> 3`, LSB first), `ceil(B / 8)` bytes, no bit at or beyond B |
 * | `x-amz-meta-count` | number of shots summed: the number of bits set |
 * | `x-amz-meta-objective` | sum of the objective values of the summed shots whose first chunk (`shotChunks[0]`, else 0) this is: each shot's objective is counted once (decimal string, finite) |
 * | `x-amz-meta-batch-size` | batch size B, 1 ≤ B ≤ `MAX_BATCH_SIZE` (8192: the manifest must fit S3's 2 KB of user metadata) |
 * | `x-amz-meta-written-at` | optional: the reducer's clock at this write, epoch ms (S3's Last-Modified has whole seconds; the status query's `lastUpdateAt` and the report's reduction tail use it) |
 * | `x-amz-meta-update-ms` | optional: how long the update that wrote it took, from its start to issuing this PUT (reads and sums), ms |
 *
 * A reader refuses (InputError naming the object and the key) an object that is not a 1-D float32
 * `.npy`, whose length is not the chunk's, or whose metadata break any rule of the table.
 * Accumulators are scratch, tagged `seisless:retention=scratch` for the bucket's expiry.
 */
import { InputError } from '../../errors';
import { decodeFloat32Npy, encodeFloat32Npy } from '../../npy/float32Npy';
import {
  type AccumulatorSummary,
  decodeAccumulatorMetadata,
  encodeAccumulatorMetadata,
} from './accumulatorMetadata';

/** An accumulator's running sum with what its metadata says. */
export interface AccumulatorContents extends AccumulatorSummary {
  readonly data: Float32Array;
}

/** An accumulator as stored: the `.npy` bytes and the user metadata (keys without `x-amz-meta-`). */
export interface AccumulatorObject {
  readonly body: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * The bytes and metadata of one PUT of an accumulator.
 *
 * @example
 * const { body, metadata } = encodeAccumulator({ data, manifest: Manifest.of([0, 2], 3), objective: 4.5 });
 */
export function encodeAccumulator(contents: AccumulatorContents): AccumulatorObject {
  return {
    body: encodeFloat32Npy({ shape: [contents.data.length], data: contents.data }),
    metadata: encodeAccumulatorMetadata(contents),
  };
}

/**
 * Reads an accumulator with every check of the format; `expectedLength`, when given, is the
 * chunk's number of elements. Throws an InputError naming `source`.
 *
 * @example
 * const chunk = decodeAccumulator(object, 's3://seisless-dev-data/runs/demo/iterations/1/accumulators/chunk-0.npy', 65536);
 * chunk.manifest.positions(); // [0, 1, 3]
 */
export function decodeAccumulator(
  object: AccumulatorObject,
  source: string,
  expectedLength?: number,
): AccumulatorContents {
  const summary = decodeAccumulatorMetadata(object.metadata, source);
  const { shape, data } = decodeFloat32Npy(object.body, source);
  if (shape.length !== 1) {
    throw new InputError(`${source}: accumulator of shape [${shape.join(', ')}]; expected one dimension`);
  }
  if (expectedLength !== undefined && data.length !== expectedLength) {
    throw new InputError(
      `${source}: ${data.length} elements; expected ${expectedLength}, the chunk's length`,
    );
  }
  return { ...summary, data };
}
