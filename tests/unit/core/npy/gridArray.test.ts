import { InputError, readGridArray } from '@seisless/core';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

describe('readGridArray', () => {
  it('reads an array of the grid shape, flat in C order', async () => {
    const store = memoryObjectStore();
    await store.putNpy('a.npy', { shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) });

    expect(Array.from(await readGridArray(store, 'a.npy', [2, 3]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects another shape, naming both', async () => {
    const store = memoryObjectStore();
    await store.putNpy('a.npy', { shape: [3, 2], data: new Float32Array(6) });

    await expect(readGridArray(store, 'a.npy', [2, 3])).rejects.toThrow(InputError);
    await expect(readGridArray(store, 'a.npy', [2, 3])).rejects.toThrow(
      "a.npy: shape [3, 2]; expected [2, 3], the model's grid",
    );
  });
});
