import {
  chunkCount,
  chunkRange,
  elementCount,
  fillShot,
  InputError,
  type ObjectStore,
  type RunSpec,
  runKeys,
} from '@seisless/core';
import { type AccumulatorChunk, parseAccumulator } from './accumulator';
import { type AssembledGradient, assembleGradient, type ShotSources } from './assembleGradient';
import { readGridArray } from './gridArray';
import type { AccumulatorReader } from './ports';

/** The assembled gradient of an iteration, with its batch positions translated to shot ids. */
export interface IterationGradient extends AssembledGradient {
  readonly batchShots: readonly number[];
  readonly usedShots: readonly number[];
  readonly droppedShots: readonly number[];
}

/** Where an iteration is: its run, number and spec. */
export interface IterationContext {
  readonly runId: string;
  readonly iteration: number;
  readonly spec: RunSpec;
}

type Layout = { elementCount: number; chunkSize: number; headerLength: number };

const READ_CONCURRENCY = 16;

/**
 * Reads iteration k's accumulators and assembles its full gradient (assembleGradient), using
 * the gradient task file for the batch's shots and, only where manifests differ, the per-shot
 * gradients and timings.
 */
export async function readIterationGradient(
  deps: { store: ObjectStore; accumulators: AccumulatorReader },
  ctx: IterationContext,
): Promise<IterationGradient> {
  const keys = runKeys(ctx.runId);
  const taskKey = keys.task(ctx.iteration, 'gradient');
  const shots = await batchShots(deps.store, taskKey);
  const layout = {
    elementCount: elementCount(ctx.spec.model.shape),
    chunkSize: ctx.spec.reduction.chunkSize,
    headerLength: 0,
  };
  const chunks = await readChunks(deps.accumulators, ctx, layout);
  const shotOf = (p: number): number => {
    const shot = shots[p];
    if (shot === undefined) throw new InputError(`${taskKey}: no shot at batch position ${p}`);
    return shot;
  };
  const assembled = await assembleGradient(
    chunks,
    layout.elementCount,
    shotSources(deps.store, ctx, { layout, shotOf }),
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
  store: ObjectStore,
  ctx: IterationContext,
  at: { layout: Layout; shotOf: (position: number) => number },
): ShotSources {
  const keys = runKeys(ctx.runId);
  const k = ctx.iteration;
  const gradients = new Map<number, Promise<Float32Array>>();
  return {
    async shotChunk(p, c) {
      const shot = at.shotOf(p);
      const whole = gradients.get(shot) ?? readGridArray(store, keys.gradient(k, shot), ctx.spec.model.shape);
      gradients.set(shot, whole);
      const { start, end } = chunkRange(at.layout, c);
      return (await whole).subarray(start, end);
    },
    shotObjective: (p) => shotObjective(store, fillShot(keys.timingsTemplate(k, 'gradient'), at.shotOf(p))),
  };
}

async function batchShots(store: ObjectStore, taskKey: string): Promise<number[]> {
  const task = await store.getJsonOrUndefined<{ shots?: unknown }>(taskKey);
  const shots = task?.shots;
  if (!Array.isArray(shots) || !shots.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new InputError(
      `${taskKey}: shots ${JSON.stringify(shots)}; expected the gradient task file with its shot ids`,
    );
  }
  return shots as number[];
}

async function readChunks(
  accumulators: AccumulatorReader,
  ctx: IterationContext,
  layout: Layout,
): Promise<AccumulatorChunk[]> {
  const keys = runKeys(ctx.runId);
  const count = chunkCount(ctx.spec.model.shape, layout.chunkSize);
  const chunks: AccumulatorChunk[] = [];
  const missing: string[] = [];
  for (let first = 0; first < count; first += READ_CONCURRENCY) {
    const indices = Array.from({ length: Math.min(READ_CONCURRENCY, count - first) }, (_, i) => first + i);
    const objects = await Promise.all(
      indices.map((c) => accumulators.read(keys.accumulator(ctx.iteration, c))),
    );
    objects.forEach((object, i) => {
      const chunk = first + i;
      const key = keys.accumulator(ctx.iteration, chunk);
      const { start, end } = chunkRange(layout, chunk);
      if (object === undefined) missing.push(key);
      else chunks.push(parseAccumulator(object, { key, chunk, length: end - start }));
    });
  }
  if (missing.length > 0)
    throw new InputError(`accumulators missing: ${missing.join(', ')}; expected all ${count} chunks`);
  return chunks;
}

async function shotObjective(store: ObjectStore, timingsKey: string): Promise<number> {
  const timings = await store.getJsonOrUndefined<{ objective?: unknown }>(timingsKey);
  const value = timings?.objective;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InputError(
      `${timingsKey}: objective ${JSON.stringify(value)}; expected the shot's finite objective value`,
    );
  }
  return value;
}
