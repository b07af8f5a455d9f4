import { type BlobRef, encodeAccumulator, encodeFloat32Npy, Manifest } from '@seisless/core';
import type { InMemoryBlobStore } from './inMemoryBlobStore';

/** What an accumulator holds: the sum over `positions` of a batch of `batchSize`. */
export interface AccumulatorSeed {
  readonly positions: readonly number[];
  readonly batchSize: number;
  readonly objective: number;
}

/** Stores an accumulator as the reducer writes it (core's encodeAccumulator), bypassing faults. */
export function seedAccumulator(
  store: InMemoryBlobStore,
  ref: BlobRef,
  data: ArrayLike<number>,
  seed: AccumulatorSeed,
): void {
  const manifest = Manifest.of(seed.positions, seed.batchSize);
  const { body, metadata } = encodeAccumulator({
    data: Float32Array.from(data),
    manifest,
    objective: seed.objective,
  });
  store.seed(ref, body, metadata);
}

/** Stores `value` as JSON text. */
export function seedJson(store: InMemoryBlobStore, ref: BlobRef, value: unknown): void {
  store.seed(ref, Buffer.from(JSON.stringify(value)));
}

/** Stores a float32 `.npy`. */
export function seedNpy(
  store: InMemoryBlobStore,
  ref: BlobRef,
  shape: number[],
  data: ArrayLike<number>,
): void {
  store.seed(ref, encodeFloat32Npy({ shape, data: Float32Array.from(data) }));
}
