import { InputError, type ObjectStore, type RunSpec, runKeys } from '@seisless/core';

/** Whether a run's iterates are made by the sparsify job (LS-RTM with `algorithm.sparsity`). */
export function usesSparsify(spec: RunSpec): boolean {
  return spec.algorithm.kind === 'lsrtm' && spec.algorithm.sparsity !== undefined;
}

/**
 * Sparse LS-RTM: the sparsify job (linearized Bregman, in Python for the wavelet transform) has
 * already written x_k; the Update only checks that it is there and of the grid's shape.
 */
export async function assertSparseIterate(
  store: ObjectStore,
  runId: string,
  k: number,
  shape: readonly number[],
): Promise<void> {
  const key = runKeys(runId).model(k);
  if (!(await store.exists(key))) {
    throw new InputError(`${key}: not found; expected the image the sparsify job writes before the Update`);
  }
  const image = await store.getNpy(key);
  if (image.shape.join(',') !== shape.join(',')) {
    throw new InputError(
      `${key}: shape [${image.shape.join(', ')}]; expected [${shape.join(', ')}], the model's grid`,
    );
  }
}
