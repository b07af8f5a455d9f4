import { elementCount } from './float32Npy';

/** Where one chunk of a flattened float32 array lies. */
export interface ChunkRange {
  readonly chunk: number;
  /** First element (inclusive) and last element (exclusive) in the flattened array. */
  readonly start: number;
  readonly end: number;
  /** Inclusive byte range inside the `.npy` object, as an HTTP `Range` header wants it. */
  readonly firstByte: number;
  readonly lastByte: number;
}

/** Number of chunks of `chunkSize` elements that cover an array of this shape. */
export function chunkCount(shape: readonly number[], chunkSize: number): number {
  return Math.max(1, Math.ceil(elementCount(shape) / chunkSize));
}

/**
 * The element and byte range of chunk `chunk` (contract: docs/contracts/messages.md).
 *
 * @example
 * const r = chunkRange({ elementCount: 20301, chunkSize: 8192, headerLength: 128 }, 2);
 * // r.start === 16384, r.end === 20301, range header `bytes=${r.firstByte}-${r.lastByte}`
 */
export function chunkRange(
  layout: { elementCount: number; chunkSize: number; headerLength: number },
  chunk: number,
): ChunkRange {
  const start = chunk * layout.chunkSize;
  const end = Math.min(start + layout.chunkSize, layout.elementCount);
  return {
    chunk,
    start,
    end,
    firstByte: layout.headerLength + 4 * start,
    lastByte: layout.headerLength + 4 * end - 1,
  };
}
