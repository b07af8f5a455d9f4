import {
  type BucketObjects,
  bucketObjects,
  chunkCount,
  chunkRange,
  chunkShotCounts,
  elementCount,
  fillShot,
  InputError,
  type IterationContext,
  jobTimingsSchema,
  Manifest,
  readContract,
  readGridArray,
  runKeys,
  type ShotChunks,
  taskFileSchema,
} from '@seisless/core';
import { accumulatorRef, readAccumulator } from './accumulatorStore';
import {
  type AccumulatorChunk,
  type AssembledGradient,
  assembleGradient,
  type ShotSources,
} from './assembleGradient';
import { mapConcurrently } from './mapConcurrently';
import type { StorePorts } from './ports';

/** The assembled gradient of an iteration, with its batch positions translated to shot ids. */
export interface IterationGradient extends AssembledGradient {
  readonly batchShots: readonly number[];
  readonly usedShots: readonly number[];
  readonly droppedShots: readonly number[];
}

interface Layout {
  readonly elementCount: number;
  readonly chunkSize: number;
  readonly headerLength: number;
}

/** Accumulator GETs in flight at once; a 3-D gradient may have hundreds of chunks. */
const READ_CONCURRENCY = 16;

/**
 * Reads iteration k's accumulators and assembles its full gradient (assembleGradient), using
 * the gradient task file for the batch's shots and, only where manifests differ, the per-shot
 * gradients and timings.
 *
 * @example
 * const g = await readIterationGradient({ store, bucket }, { runId: 'demo', iteration: 2, spec });
 * g.usedShots; // [4, 9, 17]
 */
export async function readIterationGradient(
  at: StorePorts,
  ctx: IterationContext,
): Promise<IterationGradient> {
  const objects = bucketObjects(at.store, at.bucket);
  const taskKey = runKeys(ctx.runId).task(ctx.iteration, 'gradient');
  const { shots, reduction } = await readContract(objects, taskKey, taskFileSchema);
  const coverage = reduction?.shotChunks;
  const layout = {
    elementCount: elementCount(ctx.spec.model.shape),
    chunkSize: ctx.spec.reduction.chunkSize,
    headerLength: 0,
  };
  const chunks = await readChunks(at, ctx, layout, { batchSize: shots.length, coverage });
  const shotOf = (p: number): number => {
    const shot = shots[p];
    if (shot === undefined) throw new InputError(`${taskKey}: no shot at batch position ${p}`);
    return shot;
  };
  const assembled = await assembleGradient(
    chunks,
    layout.elementCount,
    shotSources(objects, ctx, layout, shotOf),
    coverage,
  );
  return {
    ...assembled,
    batchShots: shots,
    usedShots: assembled.usedPositions.map(shotOf),
    droppedShots: assembled.droppedPositions.map(shotOf),
  };
}

/** Per-shot gradients (read whole once, then sliced per chunk) and objectives (from timings). */
function shotSources(
  objects: BucketObjects,
  ctx: IterationContext,
  layout: Layout,
  shotOf: (position: number) => number,
): ShotSources {
  const keys = runKeys(ctx.runId);
  const k = ctx.iteration;
  const gradients = new Map<number, Promise<Float32Array>>();
  return {
    async shotChunk(p, c) {
      const shot = shotOf(p);
      const whole =
        gradients.get(shot) ?? readGridArray(objects, keys.gradient(k, shot), ctx.spec.model.shape);
      gradients.set(shot, whole);
      const { start, end } = chunkRange(layout, c);
      return (await whole).subarray(start, end);
    },
    shotObjective: (p) => shotObjective(objects, fillShot(keys.timingsTemplate(k, 'gradient'), shotOf(p))),
  };
}

/**
 * Every chunk's accumulator; a chunk no shot's window touches has none and is zeros (an empty
 * manifest). A missing accumulator of a chunk some shot touches is an error.
 */
async function readChunks(
  at: StorePorts,
  ctx: IterationContext,
  layout: Layout,
  batch: { readonly batchSize: number; readonly coverage: readonly ShotChunks[] | undefined },
): Promise<AccumulatorChunk[]> {
  const count = chunkCount(ctx.spec.model.shape, layout.chunkSize);
  const expected = chunkShotCounts(batch.coverage, batch.batchSize, count);
  const indices = Array.from({ length: count }, (_, chunk) => chunk);
  const read = await mapConcurrently(indices, READ_CONCURRENCY, (chunk) => {
    if (expected[chunk] === 0) return Promise.resolve(undefined);
    const { start, end } = chunkRange(layout, chunk);
    const ref = accumulatorRef(at.bucket, { runId: ctx.runId, iteration: ctx.iteration, chunk });
    return readAccumulator(at.store, ref, end - start);
  });
  const missing = indices.filter((chunk) => read[chunk] === undefined && expected[chunk] !== 0);
  if (missing.length > 0) {
    const keys = missing.map((chunk) => runKeys(ctx.runId).accumulator(ctx.iteration, chunk));
    const withShots = expected.filter((n) => n > 0).length;
    const which =
      withShots === count ? `all ${count} chunks` : `the ${withShots} chunks of ${count} the shots touch`;
    throw new InputError(`accumulators missing: ${keys.join(', ')}; expected ${which}`);
  }
  return read.map((accumulator, chunk) => {
    if (accumulator !== undefined) return { ...accumulator, chunk };
    const { start, end } = chunkRange(layout, chunk);
    const manifest = Manifest.empty(batch.batchSize);
    return { chunk, manifest, objective: 0, data: new Float32Array(end - start) };
  });
}

/** A shot's objective from its gradient job's timings (job-timings contract). */
async function shotObjective(objects: BucketObjects, timingsKey: string): Promise<number> {
  const { objective } = await readContract(objects, timingsKey, jobTimingsSchema);
  if (objective === undefined) {
    throw new InputError(
      timingsKey,
      'no objective',
      "the shot's objective value, as a gradient job writes it",
    );
  }
  return objective;
}
