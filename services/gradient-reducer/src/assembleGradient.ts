import { InputError, type Manifest, positionChunks, type ShotChunks } from '@seisless/core';

/** One chunk's accumulator, as the assembly reads it. */
export interface AccumulatorChunk {
  readonly chunk: number;
  /** The batch positions summed into it. */
  readonly manifest: Manifest;
  /** Σ objective of those of its shots whose first chunk it is (each shot is counted once). */
  readonly objective: number;
  readonly data: Float32Array;
}

/** Where the per-shot values needed to even out unequal manifests come from. */
export interface ShotSources {
  /** Chunk `chunk` of the gradient of the shot at batch position `position`. */
  shotChunk(position: number, chunk: number): Promise<Float32Array>;
  /** The objective value of the shot at batch position `position`. */
  shotObjective(position: number): Promise<number>;
}

/** The iteration's gradient, summed over the same shots in every chunk and rescaled. */
export interface AssembledGradient {
  readonly gradient: Float32Array;
  /** Batch positions in the manifest of every chunk they touch: the shots the gradient is made of. */
  readonly usedPositions: readonly number[];
  /** Positions in some manifests but not all, subtracted back out where present. */
  readonly droppedPositions: readonly number[];
  readonly batchSize: number;
  /** B / B_used: scales a sum over the used shots to the size of the full batch. */
  readonly rescale: number;
  /** Σ objective over the used shots, rescaled like the gradient. */
  readonly objective: number;
}

/**
 * Assembles the full gradient from the chunk accumulators (in chunk order; a chunk no shot
 * touches is zeros with an empty manifest). Every chunk must sum the same shots, so a shot that
 * only some of the manifests it touches hold is subtracted back out of those chunks; the sum over
 * the B_used complete shots is then rescaled by B / B_used (failure tolerance). `coverage` gives
 * each batch position's chunks (`reduction.shotChunks`; absent: every chunk).
 *
 * @example
 * const { gradient, rescale } = await assembleGradient(chunks, 601 * 301, sources);
 */
export async function assembleGradient(
  chunks: readonly AccumulatorChunk[],
  elementCount: number,
  sources: ShotSources,
  coverage?: readonly ShotChunks[],
): Promise<AssembledGradient> {
  const batchSize = agreedBatchSize(chunks);
  const used = commonPositions(chunks, coverage);
  if (used.length === 0) {
    throw new InputError(
      'accumulators: no shot is in every chunk; expected at least one complete shot gradient',
    );
  }
  const rescale = batchSize / used.length;
  const gradient = new Float32Array(elementCount);
  const dropped = new Set<number>();
  let offset = 0;
  for (const chunk of chunks) {
    const extras = chunk.manifest.positions().filter((p) => !used.includes(p));
    const slices = await Promise.all(extras.map((p) => sources.shotChunk(p, chunk.chunk)));
    for (const p of extras) dropped.add(p);
    writeChunk(gradient, offset, { sum: chunk.data, minus: slices, scale: rescale });
    offset += chunk.data.length;
  }
  if (offset !== elementCount) {
    throw new InputError(
      `accumulators: ${offset} elements in all; expected ${elementCount}, the grid's size`,
    );
  }
  const objective = rescale * (await usedObjective(chunks, used, sources, coverage));
  return {
    gradient,
    usedPositions: used,
    droppedPositions: [...dropped].sort((a, b) => a - b),
    batchSize,
    rescale,
    objective,
  };
}

/** Batch positions present in the manifest of every chunk they touch, ascending. */
export function commonPositions(
  chunks: readonly AccumulatorChunk[],
  coverage?: readonly ShotChunks[],
): number[] {
  const batchSize = chunks[0]?.manifest.batchSize ?? 0;
  const positions = Array.from({ length: batchSize }, (_, p) => p);
  return positions.filter((p) => {
    const [first, end] = positionChunks(coverage, p, chunks.length);
    return chunks.slice(first, end).every((chunk) => chunk.manifest.has(p));
  });
}

function agreedBatchSize(chunks: readonly AccumulatorChunk[]): number {
  const sizes = new Set(chunks.map((chunk) => chunk.manifest.batchSize));
  const [size] = sizes;
  if (sizes.size !== 1 || size === undefined) {
    throw new InputError(
      `accumulators: batch sizes [${[...sizes].join(', ')}]; expected one batch size for every chunk`,
    );
  }
  return size;
}

function writeChunk(
  out: Float32Array,
  offset: number,
  parts: { sum: Float32Array; minus: Float32Array[]; scale: number },
): void {
  for (const slice of parts.minus) {
    if (slice.length !== parts.sum.length) {
      throw new InputError(`shot gradient chunk of ${slice.length} elements; expected ${parts.sum.length}`);
    }
  }
  for (let i = 0; i < parts.sum.length; i++) {
    let value = parts.sum[i] as number;
    for (const slice of parts.minus) value -= slice[i] as number;
    out[offset + i] = parts.scale * value;
  }
}

/**
 * Σ objective over the used shots: every accumulator's sum (each shot's objective is in its first
 * chunk's), less the shots outside the gradient that their first chunk nevertheless holds.
 */
async function usedObjective(
  chunks: readonly AccumulatorChunk[],
  used: readonly number[],
  sources: ShotSources,
  coverage?: readonly ShotChunks[],
): Promise<number> {
  const total = chunks.reduce((sum, chunk) => sum + chunk.objective, 0);
  const extras = chunks.flatMap((chunk) =>
    chunk.manifest
      .positions()
      .filter((p) => !used.includes(p) && positionChunks(coverage, p, chunks.length)[0] === chunk.chunk),
  );
  const values = await Promise.all(extras.map((p) => sources.shotObjective(p)));
  return values.reduce((sum, value) => sum - value, total);
}
