import type { BlobStore, StoredBlob } from '@seisless/core';
import {
  assertFloat32Header,
  type ChunkRange,
  chunkRange,
  InputError,
  parseNpyHeader,
  type ReductionMessage,
  TransientError,
} from '@seisless/core';
import { float32FromBytes } from './float32Arrays';

function checkHeader(header: StoredBlob, message: ReductionMessage, source: string): void {
  const parsed = parseNpyHeader(header.body, source);
  assertFloat32Header(parsed, source);
  if (parsed.headerLength !== message.headerLength) {
    throw new InputError(
      `${source}: .npy header of ${parsed.headerLength} bytes; the message says headerLength ${message.headerLength}`,
    );
  }
  if (parsed.shape.join(',') !== message.shape.join(',')) {
    throw new InputError(
      `${source}: gradient of shape [${parsed.shape.join(', ')}]; the message says [${message.shape.join(', ')}]`,
    );
  }
}

function checkChunk(chunk: StoredBlob, message: ReductionMessage, range: ChunkRange, source: string): void {
  const expectedSize = message.headerLength + 4 * message.elementCount;
  if (chunk.size !== expectedSize) {
    throw new InputError(
      `${source}: ${chunk.size} bytes; expected ${expectedSize} (header ${message.headerLength} + 4 × ${message.elementCount} elements)`,
    );
  }
  const expectedBytes = 4 * (range.end - range.start);
  if (chunk.body.byteLength !== expectedBytes) {
    throw new InputError(
      `${source}: chunk ${message.chunk} read ${chunk.body.byteLength} bytes; expected ${expectedBytes}`,
    );
  }
}

/**
 * Reads chunk `message.chunk` of a per-shot gradient with two concurrent byte-range GETs (the
 * `.npy` header and the chunk itself) and checks both against the message: dtype `<f4` in C
 * order, header length, shape and total object size.
 *
 * Throws an InputError when the gradient does not match the message (it must be rejected, not
 * summed) and a TransientError when the object does not exist (yet).
 *
 * @example
 * const values = await readGradientChunk(store, message); // Float32Array of the chunk's length
 */
export async function readGradientChunk(store: BlobStore, message: ReductionMessage): Promise<Float32Array> {
  const ref = { bucket: message.bucket, key: message.gradientKey };
  const source = `s3://${ref.bucket}/${ref.key}`;
  const range = chunkRange(message, message.chunk);
  const [header, chunk] = await Promise.all([
    store.get(ref, { first: 0, last: message.headerLength - 1 }),
    store.get(ref, { first: range.firstByte, last: range.lastByte }),
  ]);
  if (header === undefined || chunk === undefined) {
    throw new TransientError(
      `${source}: no such object; expected the gradient named by message of shot ${message.shot}`,
    );
  }
  checkHeader(header, message, source);
  checkChunk(chunk, message, range, source);
  return float32FromBytes(chunk.body);
}
