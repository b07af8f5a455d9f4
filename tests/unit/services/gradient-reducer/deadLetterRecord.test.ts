import { TransientError } from '@seisless/core';
import {
  deadLetterKey,
  identifyRecord,
  UNATTRIBUTED_DEAD_LETTERS_PREFIX,
  writeDeadLetter,
} from '../../../../services/gradient-reducer/src/deadLetterRecord';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import { reductionMessage, shotGradient, sqsRecord, TEST_BUCKET } from '../../../support/reductionMessages';

const message = reductionMessage(shotGradient({ runId: 'demo', iteration: 3, shot: 17 }), 2);

describe('identifyRecord', () => {
  it('reads run, iteration, shot and chunk from the body, even when the body fails its schema', () => {
    const record = sqsRecord(JSON.stringify({ ...message, version: 2 }));

    expect(identifyRecord(record)).toEqual({ runId: 'demo', iteration: 3, shot: 17, chunk: 2 });
  });

  it('falls back to the deduplication id when the body is unreadable', () => {
    const record = sqsRecord('garbage', { deduplicationId: 'demo/3/17/2' });

    expect(identifyRecord(record)).toEqual({ runId: 'demo', iteration: 3, shot: 17, chunk: 2 });
  });

  it.each(['garbage', '../x/3/17/2', 'demo/3/17', 'demo/three/17/2'])(
    'gives up on deduplication id %s',
    (id) => {
      expect(identifyRecord(sqsRecord('garbage', { deduplicationId: id }))).toBeUndefined();
    },
  );
});

describe('deadLetterKey', () => {
  it('is the run’s dead-letter key, or an unattributed key', () => {
    expect(deadLetterKey(sqsRecord(message))).toBe(
      'runs/demo/iterations/3/dead-letters/shot-17-chunk-2.json',
    );
    expect(deadLetterKey(sqsRecord('garbage', { messageId: 'a/b' }))).toBe(
      `${UNATTRIBUTED_DEAD_LETTERS_PREFIX}a%2Fb.json`,
    );
  });
});

describe('writeDeadLetter', () => {
  it('writes a readable JSON record with reason, receive count and the body', async () => {
    const store = new InMemoryBlobStore();
    const record = sqsRecord(message, { messageId: 'm-1', receiveCount: 5 });

    await writeDeadLetter(store, TEST_BUCKET, {
      record,
      reason: 'rejected',
      detail: 'shape [5, 4]; expected [4, 5]',
      recordedBy: 'reduce',
      now: new Date('2025-01-01T00:00:00Z'),
    });

    const key = 'runs/demo/iterations/3/dead-letters/shot-17-chunk-2.json';
    const written = JSON.parse(Buffer.from(store.bytes({ bucket: TEST_BUCKET, key }) ?? []).toString('utf8'));
    expect(written).toEqual({
      version: 1,
      runId: 'demo',
      iteration: 3,
      shot: 17,
      chunk: 2,
      messageId: 'm-1',
      reason: 'rejected',
      malformed: false,
      detail: 'shape [5, 4]; expected [4, 5]',
      approximateReceiveCount: 5,
      recordedBy: 'reduce',
      recordedAt: '2025-01-01T00:00:00.000Z',
      body: JSON.stringify(message),
    });
  });

  it('lets a storage failure through (the message is then redelivered)', async () => {
    const store = new InMemoryBlobStore();
    store.faults = (call) => call.op === 'put';
    const entry = { reason: 'malformed', detail: 'x', recordedBy: 'reduce', now: new Date() } as const;

    await expect(writeDeadLetter(store, TEST_BUCKET, { ...entry, record: sqsRecord('x') })).rejects.toThrow(
      TransientError,
    );
  });
});
