import {
  type IterationContext,
  type ObjectStore,
  readGridArray,
  runKeys,
  startingIterateKey,
} from '@seisless/core';
import { readIterate } from './gridArray';
import { difference } from './vectors';

/** The last update s and the gradient change y of a Barzilai–Borwein step, or why there are none. */
export type BbPair = { readonly s: Float32Array; readonly y: Float32Array } | { readonly reason: string };

/**
 * s = x_{k−1} − x_{k−2} and y = g_k − g_{k−1} for iteration k. FWI iterates are velocities and
 * its gradients are with respect to m = 1/v², so s is taken in m: s = 1/x_{k−1}² − 1/x_{k−2}².
 */
export async function readBbPair(
  store: ObjectStore,
  ctx: IterationContext,
  gradient: Float32Array,
): Promise<BbPair> {
  const k = ctx.iteration;
  if (k < 2) return { reason: 'the first iteration has no previous update' };
  const shape = ctx.spec.model.shape;
  const previousKey = runKeys(ctx.runId).fullGradient(k - 1);
  if (!(await store.exists(previousKey))) return { reason: `${previousKey} is missing` };
  const [previousGradient, current, previous] = await Promise.all([
    readGridArray(store, previousKey, shape),
    readIterate(store, startingIterateKey(ctx.spec, ctx.runId, k), shape),
    readIterate(store, startingIterateKey(ctx.spec, ctx.runId, k - 1), shape),
  ]);
  const fwi = ctx.spec.algorithm.kind === 'fwi';
  const s = fwi
    ? difference(squaredSlowness(current), squaredSlowness(previous))
    : difference(current, previous);
  return { s, y: difference(gradient, previousGradient) };
}

function squaredSlowness(velocity: Float32Array): Float32Array {
  return velocity.map((v) => 1 / (v * v));
}
