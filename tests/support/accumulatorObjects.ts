import {
  type BlobRef,
  encodeAccumulator,
  encodeFloat32Npy,
  Manifest,
  runKeys,
  validateRunSpec,
} from '@seisless/core';
import { buildTaskFile } from '../../services/submitter/src/taskFile';
import type { InMemoryBlobStore } from './inMemoryBlobStore';
import { lsrtmSpec } from './runSpecs';

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

/**
 * Stores iteration `iteration`'s gradient task file for `shots` (the submitter's, for a small
 * LS-RTM), with `shotChunks` when given: what the reducer's status and assembly read.
 */
export function seedGradientTask(
  store: InMemoryBlobStore,
  at: { readonly bucket: string; readonly runId: string; readonly iteration: number },
  shots: readonly number[],
  shotChunks?: readonly (readonly [number, number])[],
): void {
  const base = lsrtmSpec();
  const spec = validateRunSpec({
    ...base,
    acquisition: { ...base.acquisition, sources: { count: 64, depthM: 20 } },
  });
  const task = buildTaskFile(spec, {
    runId: at.runId,
    iteration: at.iteration,
    kind: 'gradient',
    shots: [...shots],
  });
  // Chunks of one element: any test's chunk ranges lie within the grid (the schema checks it).
  const reduction = task.reduction && {
    ...task.reduction,
    chunkSize: 1,
    ...(shotChunks === undefined ? {} : { shotChunks: shotChunks.map(([a, b]) => [a, b]) }),
  };
  seedJson(
    store,
    { bucket: at.bucket, key: runKeys(at.runId).task(at.iteration, 'gradient') },
    { ...task, reduction },
  );
}
