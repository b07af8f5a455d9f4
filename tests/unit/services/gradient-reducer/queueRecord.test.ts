import { ValidationError } from '@seisless/core';
import {
  groupKeyOf,
  parseQueueRecord,
  receiveCount,
} from '../../../../services/gradient-reducer/src/queueRecord';
import { reductionMessage, shotGradient, sqsRecord } from '../../../support/reductionMessages';

const g = shotGradient({ shape: [4, 5], chunkSize: 8 });

describe('parseQueueRecord', () => {
  it('returns the message of a well-formed record', () => {
    const message = reductionMessage(g, 2);

    expect(parseQueueRecord(sqsRecord(message))).toEqual(message);
  });

  it.each([
    ['bad JSON', '{not json', /not JSON/],
    ['a missing field', JSON.stringify({ ...reductionMessage(g, 0), shot: undefined }), /shot/],
  ])('rejects %s', (_what, body, message) => {
    expect(() => parseQueueRecord(sqsRecord(body))).toThrow(ValidationError);
    expect(() => parseQueueRecord(sqsRecord(body))).toThrow(message);
  });

  it.each([
    ['elementCount', { elementCount: 21 }],
    ['chunkCount', { chunkCount: 4 }],
    ['gradientKey', { gradientKey: 'runs/demo/iterations/1/gradients/shot-8.npy' }],
    ['batchSize', { batchSize: 9000 }],
  ])('rejects an inconsistent %s', (field, overrides) => {
    const record = sqsRecord(reductionMessage(g, 0, overrides));

    expect(() => parseQueueRecord(record)).toThrow(new RegExp(field));
  });

  it('rejects a message travelling in another chunk’s FIFO group (it would bypass serialisation)', () => {
    const record = sqsRecord(reductionMessage(g, 0), { groupId: 'demo/1/chunk-1' });

    expect(() => parseQueueRecord(record)).toThrow(
      /MessageGroupId 'demo\/1\/chunk-1'; expected 'demo\/1\/chunk-0'/,
    );
  });
});

describe('groupKeyOf', () => {
  it('prefers MessageGroupId, then the group the body names, then the message alone', () => {
    const message = reductionMessage(g, 1);
    const withoutIds = {
      ...sqsRecord(message, { messageId: 'x' }),
      attributes: { ApproximateReceiveCount: '1' },
    };

    expect(groupKeyOf(sqsRecord(message, { groupId: 'g' }))).toBe('g');
    expect(groupKeyOf(withoutIds)).toBe('demo/1/chunk-1');
    expect(groupKeyOf({ ...withoutIds, body: 'junk' })).toBe('message:x');
  });
});

describe('receiveCount', () => {
  it('reads ApproximateReceiveCount, 0 when absent', () => {
    expect(receiveCount(sqsRecord('x', { receiveCount: 4 }))).toBe(4);
    expect(receiveCount({ messageId: 'm', body: '', attributes: {} })).toBe(0);
  });
});
