import { readIterate } from '../../../../services/line-search/src/gridArray';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

describe('readIterate', () => {
  it('reads the iterate at its key', async () => {
    const store = memoryObjectStore();
    await store.putNpy('x.npy', { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) });

    expect(Array.from(await readIterate(store, 'x.npy', [2, 2]))).toEqual([1, 2, 3, 4]);
  });

  it('reads a missing iterate as zeros', async () => {
    expect(Array.from(await readIterate(memoryObjectStore(), undefined, [2, 2]))).toEqual([0, 0, 0, 0]);
  });
});
