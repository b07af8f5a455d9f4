import { elementCount, InputError, type ObjectStore } from '@seisless/core';

/**
 * Reads a float32 `.npy` that must have the grid's `shape`, as a flat array.
 *
 * @example
 * const image = await readGridArray(store, runKeys('demo').model(2), [201, 101]);
 */
export async function readGridArray(
  store: ObjectStore,
  key: string,
  shape: readonly number[],
): Promise<Float32Array> {
  const array = await store.getNpy(key);
  if (array.shape.join(',') !== shape.join(',')) {
    throw new InputError(
      `${key}: shape [${array.shape.join(', ')}]; expected [${shape.join(', ')}], the model's grid`,
    );
  }
  return array.data;
}

/** The iterate at `key`, or zeros of the grid's size when there is no key (LS-RTM's zero image). */
export async function readIterate(
  store: ObjectStore,
  key: string | undefined,
  shape: readonly number[],
): Promise<Float32Array> {
  return key === undefined ? new Float32Array(elementCount(shape)) : readGridArray(store, key, shape);
}
