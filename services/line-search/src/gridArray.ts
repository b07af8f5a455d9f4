import { elementCount, type ObjectStore, readGridArray } from '@seisless/core';

/**
 * The iterate at `key` (grid-shaped, `readGridArray`), or zeros of the grid's size when there is
 * no key (LS-RTM's zero image).
 *
 * @example
 * const image = await readIterate(store, startingIterateKey(spec, 'demo', 1), spec.model.shape);
 */
export async function readIterate(
  store: ObjectStore,
  key: string | undefined,
  shape: readonly number[],
): Promise<Float32Array> {
  return key === undefined ? new Float32Array(elementCount(shape)) : readGridArray(store, key, shape);
}
