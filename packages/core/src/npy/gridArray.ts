import type { ObjectStore } from '../aws/objectStore';
import { InputError } from '../errors';

/**
 * Reads a float32 `.npy` that must have the grid's `shape`, as a flat array (C order). A missing
 * object or another shape is an InputError naming the key.
 *
 * @example
 * const image = await readGridArray(store, runKeys('demo').model(2), [201, 101]);
 */
export async function readGridArray(
  store: Pick<ObjectStore, 'getNpy'>,
  key: string,
  shape: readonly number[],
): Promise<Float32Array> {
  const array = await store.getNpy(key);
  if (array.shape.join(',') !== shape.join(',')) {
    throw new InputError(key, `shape [${array.shape.join(', ')}]`, `[${shape.join(', ')}], the model's grid`);
  }
  return array.data;
}
