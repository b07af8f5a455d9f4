import { runKeys } from '@seisless/core';
import { diagnoseDeadLetter, recordDeadLetters } from '../../../../services/gradient-reducer/src/deadLetters';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import {
  reductionMessage,
  seedGradient,
  shotGradient,
  sqsRecord,
  TEST_BUCKET,
} from '../../../support/reductionMessages';

const g = shotGradient({ shot: 5, batchIndex: 1, batchSize: 2 });
const deps = (store: InMemoryBlobStore) => ({ store, bucket: TEST_BUCKET, now: () => new Date(0) });
const readRecord = (store: InMemoryBlobStore, shot: number, chunk: number) =>
  JSON.parse(
    Buffer.from(
      store.bytes({ bucket: TEST_BUCKET, key: runKeys('demo').deadLetter(1, shot, chunk) }) ?? [],
    ).toString(),
  );

describe('diagnoseDeadLetter', () => {
  it('tells malformed, rejected and exhausted messages apart', async () => {
    const store = new InMemoryBlobStore();
    const message = reductionMessage(g, 0);

    const missing = await diagnoseDeadLetter(sqsRecord(message, { receiveCount: 5 }), store);
    seedGradient(store, g);
    const valid = await diagnoseDeadLetter(sqsRecord(message), store);
    const malformed = await diagnoseDeadLetter(sqsRecord('junk'), store);
    seedGradient(store, { ...g, shape: [2, 10] });
    const rejected = await diagnoseDeadLetter(sqsRecord(message), store);

    expect(missing.reason).toBe('receives-exhausted');
    expect(missing.detail).toMatch(/received 5 times; now: .*no such object/);
    expect(valid).toMatchObject({ reason: 'receives-exhausted', detail: expect.stringMatching(/valid now/) });
    expect(malformed.reason).toBe('malformed');
    expect(rejected).toMatchObject({ reason: 'rejected', detail: expect.stringMatching(/shape \[2, 10\]/) });
  });
});

describe('recordDeadLetters', () => {
  it('writes one record per dead-lettered message and acknowledges them', async () => {
    const store = new InMemoryBlobStore();
    seedGradient(store, g);
    const records = [0, 1].map((chunk) => sqsRecord(reductionMessage(g, chunk), { receiveCount: 6 }));

    const result = await recordDeadLetters(records, deps(store));

    expect(result.batchItemFailures).toEqual([]);
    expect(result.recorded).toBe(2);
    expect(result.runIds).toEqual(['demo']);
    expect(readRecord(store, 5, 1)).toMatchObject({
      reason: 'receives-exhausted',
      approximateReceiveCount: 6,
      recordedBy: 'deadLetters',
      malformed: false,
    });
  });

  it('fails a record it cannot write and the later ones of its group only', async () => {
    const store = new InMemoryBlobStore();
    seedGradient(store, g);
    const other = shotGradient({ shot: 6, batchIndex: 0, batchSize: 2 });
    seedGradient(store, other);
    const chunk0 = [g, other].map((x) => sqsRecord(reductionMessage(x, 0)));
    const chunk1 = sqsRecord(reductionMessage(g, 1));
    store.faults = (call) => call.op === 'put' && call.key.endsWith('shot-5-chunk-0.json');

    const result = await recordDeadLetters([...chunk0, chunk1], deps(store));

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(chunk0.map((r) => r.messageId));
    expect(readRecord(store, 5, 1).reason).toBe('receives-exhausted');
  });
});
