import { InputError } from '@seisless/core';
import { readGridArray, readIterate } from '../../../../services/line-search/src/gridArray';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

describe('grid arrays', () => {
  it('reads an array of the grid shape', async () => {
    const store = memoryObjectStore();
    await store.putNpy('a.npy', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) });
    expect(Array.from(await readGridArray(store, 'a.npy', [2, 3]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects another shape, naming both', async () => {
    const store = memoryObjectStore();
    await store.putNpy('a.npy', { shape: [3, 2], data: new Float32Array(6) });
    await expect(readGridArray(store, 'a.npy', [2, 3])).rejects.toThrow(InputError);
    await expect(readGridArray(store, 'a.npy', [2, 3])).rejects.toThrow(
      'a.npy: shape [3, 2]; expected [2, 3]',
    );
  });

  it('reads a missing iterate as zeros', async () => {
    expect(Array.from(await readIterate(memoryObjectStore(), undefined, [2, 2]))).toEqual([0, 0, 0, 0]);
  });
});
