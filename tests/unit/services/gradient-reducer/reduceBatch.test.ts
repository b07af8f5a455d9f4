import { runKeys } from '@seisless/core';
import { accumulatorRef, readAccumulator } from '../../../../services/gradient-reducer/src/accumulatorStore';
import { reduceBatch } from '../../../../services/gradient-reducer/src/reduceBatch';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import {
  reductionMessages,
  seedGradient,
  shotGradient,
  sqsRecord,
  TEST_BUCKET,
} from '../../../support/reductionMessages';

function setup() {
  const store = new InMemoryBlobStore();
  const gradients = [0, 1].map((batchIndex) =>
    shotGradient({ shot: batchIndex + 3, batchIndex, batchSize: 2 }),
  );
  for (const g of gradients) seedGradient(store, g);
  const records = gradients.flatMap((g) => reductionMessages(g).map((m) => sqsRecord(m)));
  return { store, records, deps: { store, bucket: TEST_BUCKET, now: () => new Date() } };
}

describe('reduceBatch', () => {
  it('reduces every FIFO group of a batch and reports no failure', async () => {
    const { store, records, deps } = setup();

    const result = await reduceBatch(records, deps);

    expect(result.batchItemFailures).toEqual([]);
    expect(result.counts).toEqual({ added: 6, skipped: 0, rejected: 0, failed: 0 });
    for (const chunk of [0, 1, 2]) {
      const acc = await readAccumulator(
        store,
        accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 1, chunk }),
      );
      expect(acc?.manifest.complete).toBe(true);
    }
  });

  it('fails only the failing group’s records, from the failure on', async () => {
    const { store, records, deps } = setup();
    const chunk1 = runKeys('demo').accumulator(1, 1);
    store.faults = (call) => call.op === 'put' && call.key === chunk1;

    const result = await reduceBatch(records, deps);

    const failed = records
      .filter((r) => r.attributes.MessageGroupId === 'demo/1/chunk-1')
      .map((r) => r.messageId);
    expect(result.batchItemFailures).toEqual(failed.map((itemIdentifier) => ({ itemIdentifier })));
    expect(result.counts).toMatchObject({ added: 4, failed: 2 });
  });

  it('lists rejections separately (acknowledged, with a record)', async () => {
    const { records, deps } = setup();
    const junk = sqsRecord('junk', { groupId: 'demo/1/chunk-0', deduplicationId: 'demo/1/3/0' });

    const result = await reduceBatch([junk, ...records], deps);

    expect(result.batchItemFailures).toEqual([]);
    expect(result.rejections).toEqual([
      expect.objectContaining({ messageId: junk.messageId, reason: 'malformed' }),
    ]);
  });

  describe('with in-handler retries', () => {
    const retry = {
      retries: 3,
      baseDelayMs: 0,
      reserveMs: 0,
      remainingMs: () => 1000,
      sleep: async () => {},
      random: () => 0,
    };

    it('sums a group once when its PUT landed but reported an error, and fails nothing', async () => {
      const { store, records, deps } = setup();
      const chunk1 = runKeys('demo').accumulator(1, 1);
      let faulted = false;
      store.faults = (call, phase) => {
        const strike = !faulted && phase === 'after' && call.op === 'put' && call.key === chunk1;
        faulted ||= strike;
        return strike;
      };

      const result = await reduceBatch(records, { ...deps, retry });

      expect(result.batchItemFailures).toEqual([]);
      // Chunk 1's second attempt found both shots in the manifest it had written.
      expect(result.counts).toEqual({ added: 4, skipped: 2, rejected: 0, failed: 0 });
      const acc = await readAccumulator(
        store,
        accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 1, chunk: 1 }),
      );
      expect(acc?.manifest.count).toBe(2);
    });

    it('reports the group failed once its retries are spent', async () => {
      const { store, records, deps } = setup();
      const chunk1 = runKeys('demo').accumulator(1, 1);
      store.faults = (call) => call.op === 'put' && call.key === chunk1;

      const result = await reduceBatch(records, { ...deps, retry });

      expect(result.counts).toMatchObject({ added: 4, failed: 2 });
      expect(store.calls.filter((c) => c.op === 'put' && c.key === chunk1)).toHaveLength(4);
    });
  });
});
