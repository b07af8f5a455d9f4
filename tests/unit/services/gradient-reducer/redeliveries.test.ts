import { redeliveries } from '../../../../services/gradient-reducer/src/redeliveries';

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

describe('redeliveries', () => {
  it('lists only the groups holding a redelivered record, with their earliest failed delivery', () => {
    const records = [
      record('a1', 'demo/1/chunk-0', 2, 1500),
      record('a2', 'demo/1/chunk-0', 3, 1200),
      record('b1', 'demo/1/chunk-1', 1),
    ];

    expect(redeliveries(records, [])).toEqual([
      { group: 'demo/1/chunk-0', firstReceivedAt: 1200, receives: 3, merged: true },
    ]);
  });

  it('marks a group not merged when any of its records failed again', () => {
    const records = [record('a1', 'demo/1/chunk-0', 2), record('a2', 'demo/1/chunk-0', 1)];

    expect(redeliveries(records, ['a2'])).toEqual([
      { group: 'demo/1/chunk-0', firstReceivedAt: 1000, receives: 2, merged: false },
    ]);
  });

  it('ignores records without a first-receive time (hand-made events)', () => {
    const bare = { messageId: 'x', body: '{}', attributes: { ApproximateReceiveCount: '4' } };

    expect(redeliveries([bare], [])).toEqual([]);
  });
});
