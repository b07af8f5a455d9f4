import { groupDeliveries } from '../../../../services/gradient-reducer/src/groupDeliveries';

function record(messageId: string, group: string, receives: number, firstReceivedAt = 1000) {
  return {
    messageId,
    body: '{}',
    attributes: {
      MessageGroupId: group,
      ApproximateReceiveCount: String(receives),
      ApproximateFirstReceiveTimestamp: String(firstReceivedAt),
    },
  };
}

describe('groupDeliveries', () => {
  it('gives every group its highest receive count and the latest first receive of its redelivered records', () => {
    const records = [
      record('a1', 'demo/1/chunk-0', 3, 1200),
      record('a2', 'demo/1/chunk-0', 2, 1500),
      record('a3', 'demo/1/chunk-0', 1, 1900),
      record('b1', 'demo/1/chunk-1', 1, 1900),
    ];

    expect(groupDeliveries(records, [])).toEqual([
      { group: 'demo/1/chunk-0', receives: 3, redeliveredSince: 1500, merged: true },
      { group: 'demo/1/chunk-1', receives: 1, merged: true },
    ]);
  });

  it('marks a group not merged when any of its records failed', () => {
    const records = [record('a1', 'demo/1/chunk-0', 1), record('a2', 'demo/1/chunk-0', 1)];

    expect(groupDeliveries(records, ['a2'])).toEqual([
      { group: 'demo/1/chunk-0', receives: 1, merged: false },
    ]);
  });

  it('leaves out the first receive when the records carry none (hand-made events)', () => {
    const bare = { messageId: 'x', body: '{}', attributes: { ApproximateReceiveCount: '4' } };

    expect(groupDeliveries([bare], [])).toEqual([{ group: 'message:x', receives: 4, merged: true }]);
  });
});
