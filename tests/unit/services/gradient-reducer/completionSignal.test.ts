import { runKeys } from '@seisless/core';
import { completionSignals } from '../../../../services/gradient-reducer/src/completionSignal';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';

const BUCKET = 'data';

/** Chunks of run `demo` with these counts, by chunk index. */
const chunkOf =
  (counts: { iteration: number; chunkCount: number; chunkShots: number; chunksWithShots: number }) =>
  (c: number) => ({ runId: 'demo', chunk: c, ...counts });

describe('completionSignals', () => {
  it('marks each complete chunk and wakes the run once every chunk is marked', async () => {
    // Arrange
    const store = new InMemoryBlobStore();
    const woken: string[] = [];
    const deps = {
      store,
      bucket: BUCKET,
      wake: async (runId: string, reason: string) => woken.push(`${runId}: ${reason}`) > 0,
    };
    const chunk = chunkOf({ iteration: 2, chunkCount: 3, chunkShots: 2, chunksWithShots: 3 });

    // Act: chunks 0 and 2, chunk 2 again (a redelivery), then chunk 1, each by an invocation
    const signal = (c: number) => completionSignals(deps)(chunk(c));
    const results = [await signal(0), await signal(2), await signal(2), await signal(1)];

    // Assert
    expect(results).toEqual([false, false, false, true]);
    expect(woken).toEqual(['demo: reduction of iteration 2 complete']);
    expect((await store.list(BUCKET, runKeys('demo').chunksCompletePrefix(2))).sort()).toEqual([
      'runs/demo/iterations/2/complete/chunk-0',
      'runs/demo/iterations/2/complete/chunk-1',
      'runs/demo/iterations/2/complete/chunk-2',
    ]);
  });

  it('wakes the run once the chunks some shot touches are marked, when apertures leave others without shots', async () => {
    // Arrange: 5 chunks, of which the shots' windows touch 2
    const store = new InMemoryBlobStore();
    const woken: string[] = [];
    const deps = { store, bucket: BUCKET, wake: async (runId: string) => woken.push(runId) > 0 };
    const chunk = chunkOf({ iteration: 1, chunkCount: 5, chunkShots: 1, chunksWithShots: 2 });

    // Act
    const signal = completionSignals(deps);
    const results = [await signal(chunk(3)), await signal(chunk(1))];

    // Assert
    expect(results).toEqual([false, true]);
    expect(woken).toEqual(['demo']);
  });

  it('lists once for the marks one invocation writes together, and wakes the run once', async () => {
    // Arrange
    const store = new InMemoryBlobStore();
    const woken: string[] = [];
    const signal = completionSignals({ store, bucket: BUCKET, wake: async (runId) => woken.push(runId) > 0 });
    const chunk = chunkOf({ iteration: 1, chunkCount: 4, chunkShots: 1, chunksWithShots: 4 });

    // Act: the last gradient's messages complete every chunk at once
    const results = await Promise.all([0, 1, 2, 3].map((c) => signal(chunk(c))));

    // Assert
    expect(results).toEqual([true, true, true, true]);
    expect(woken).toEqual(['demo']);
    expect(store.calls.filter((c) => c.op === 'list')).toHaveLength(1);
    expect(store.calls.filter((c) => c.op === 'put')).toHaveLength(4);
  });

  it('lists again for a mark that lands while a round is listing, so the last mark is always seen', async () => {
    // Arrange: the first LIST waits until chunk 1's mark has landed
    const store = new InMemoryBlobStore();
    const woken: string[] = [];
    const signal = completionSignals({ store, bucket: BUCKET, wake: async (runId) => woken.push(runId) > 0 });
    const chunk = chunkOf({ iteration: 1, chunkCount: 2, chunkShots: 1, chunksWithShots: 2 });
    const list = store.list.bind(store);
    let releaseList: () => void = () => {};
    const listHeld = new Promise<void>((resolve) => {
      releaseList = resolve;
    });
    let lists = 0;
    store.list = async (bucket, prefix) => {
      lists += 1;
      const seen = await list(bucket, prefix); // read before chunk 1's mark lands
      if (lists === 1) await listHeld;
      return seen;
    };

    // Act
    const first = signal(chunk(0));
    await new Promise((resolve) => setTimeout(resolve, 10)); // chunk 0's round is listing
    const second = signal(chunk(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    releaseList();

    // Assert: the first round saw one mark, the second both
    expect(await first).toBe(false);
    expect(await second).toBe(true);
    expect(lists).toBe(2);
    expect(woken).toEqual(['demo']);
  });

  it('does not hold a round for a mark whose write failed', async () => {
    const store = new InMemoryBlobStore();
    const signal = completionSignals({ store, bucket: BUCKET, wake: async () => true });
    const chunk = chunkOf({ iteration: 1, chunkCount: 3, chunkShots: 1, chunksWithShots: 3 });
    const put = store.put.bind(store);
    store.put = async (ref, body, options) => {
      if (ref.key.endsWith('chunk-2')) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('PUT failed');
      }
      return put(ref, body, options);
    };

    const results = await Promise.allSettled([0, 1, 2].map((c) => signal(chunk(c))));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(results.slice(0, 2).map((r) => r.status === 'fulfilled' && r.value)).toEqual([false, false]);
  });
});
