import { decodeFloat32Npy, InputError } from '@seisless/core';
import { decodeManifest } from './manifest';
import type { StoredObject } from './ports';

/** One chunk's accumulator: the sum of the gradients of the shots in its manifest. */
export interface AccumulatorChunk {
  readonly chunk: number;
  /** Batch positions summed (sorted). */
  readonly positions: readonly number[];
  /** Σ objective of those shots. */
  readonly objective: number;
  readonly batchSize: number;
  readonly data: Float32Array;
}

/**
 * Parses an accumulator object (docs/contracts/messages.md), checking its length and that its
 * metadata agree with each other.
 */
export function parseAccumulator(
  object: StoredObject,
  where: { key: string; chunk: number; length: number },
): AccumulatorChunk {
  const { key } = where;
  const meta = object.metadata;
  const batchSize = Number(meta['batch-size']);
  const count = Number(meta.count);
  const objective = Number(meta.objective);
  if (
    !Number.isInteger(batchSize) ||
    batchSize < 1 ||
    !Number.isInteger(count) ||
    !Number.isFinite(objective)
  ) {
    throw new InputError(
      `${key}: metadata batch-size='${meta['batch-size']}', count='${meta.count}', objective='${meta.objective}'; expected integers and a finite number`,
    );
  }
  const positions = decodeManifest(meta.manifest ?? '', batchSize, key);
  if (positions.length !== count) {
    throw new InputError(
      `${key}: manifest holds ${positions.length} shots but count is ${count}; expected them equal`,
    );
  }
  const { data } = decodeFloat32Npy(object.bytes, key);
  if (data.length !== where.length) {
    throw new InputError(
      `${key}: ${data.length} elements; expected ${where.length} for chunk ${where.chunk}`,
    );
  }
  return { chunk: where.chunk, positions, objective, batchSize, data };
}
