import { runKeys } from '@seisless/core';
import { signalChunkComplete } from '../../../../services/gradient-reducer/src/completionSignal';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';

const BUCKET = 'data';

describe('signalChunkComplete', () => {
  it('marks each complete chunk and wakes the run once every chunk is marked', async () => {
    // Arrange
    const store = new InMemoryBlobStore();
    const woken: string[] = [];
    const deps = {
      store,
      bucket: BUCKET,
      wake: async (runId: string, reason: string) => woken.push(`${runId}: ${reason}`) > 0,
    };
    const chunk = (c: number) => ({
      runId: 'demo',
      iteration: 2,
      chunk: c,
      chunkCount: 3,
      chunkShots: 2,
      chunksWithShots: 3,
    });

    // Act: chunks 0 and 2, chunk 2 again (a redelivery), then chunk 1
    const results = [
      await signalChunkComplete(chunk(0), deps),
      await signalChunkComplete(chunk(2), deps),
      await signalChunkComplete(chunk(2), deps),
      await signalChunkComplete(chunk(1), deps),
    ];

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
    const chunk = (c: number) => ({
      runId: 'demo',
      iteration: 1,
      chunk: c,
      chunkCount: 5,
      chunkShots: 1,
      chunksWithShots: 2,
    });

    // Act
    const results = [await signalChunkComplete(chunk(3), deps), await signalChunkComplete(chunk(1), deps)];

    // Assert
    expect(results).toEqual([false, true]);
    expect(woken).toEqual(['demo']);
  });
});
