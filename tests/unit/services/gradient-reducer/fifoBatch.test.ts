import { TransientError } from '@seisless/core';
import {
  batchItemFailures,
  processInOrder,
  splitByGroup,
} from '../../../../services/gradient-reducer/src/fifoBatch';

const record = (messageId: string, group: string) => ({ messageId, group });

describe('splitByGroup', () => {
  it('keeps arrival order within each group', () => {
    const records = [record('a1', 'a'), record('b1', 'b'), record('a2', 'a')];

    const groups = splitByGroup(records, (r) => r.group);

    expect(groups.map((g) => g.map((r) => r.messageId))).toEqual([['a1', 'a2'], ['b1']]);
  });
});

describe('processInOrder', () => {
  it('stops at the first failure and fails every later record without attempting it', async () => {
    const seen: string[] = [];
    const boom = new Error('boom');
    const records = ['m1', 'm2', 'm3', 'm4'].map((id) => record(id, 'g'));

    const failures = await processInOrder(records, async (r) => {
      seen.push(r.messageId);
      if (r.messageId === 'm2') throw boom;
    });

    expect(seen).toEqual(['m1', 'm2']);
    expect(failures.map((f) => f.messageId)).toEqual(['m2', 'm3', 'm4']);
    expect(failures[0]?.error).toBe(boom);
    expect(failures[1]?.error).toBeInstanceOf(TransientError);
    expect(String(failures[2]?.error)).toMatch(/earlier message of its FIFO group \(m2\)/);
  });

  it('reports nothing when every record succeeds', async () => {
    await expect(processInOrder([record('m1', 'g')], async () => undefined)).resolves.toEqual([]);
  });
});

describe('batchItemFailures', () => {
  it('names the failed records as itemIdentifier', () => {
    expect(batchItemFailures([{ messageId: 'm2', error: null }])).toEqual([{ itemIdentifier: 'm2' }]);
  });
});
