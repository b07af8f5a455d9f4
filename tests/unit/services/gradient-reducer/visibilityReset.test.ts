import {
  type ChangeVisibility,
  type ReceivedRecord,
  resetVisibility,
  retryVisibilityS,
  type VisibilityChange,
} from '../../../../services/gradient-reducer/src/visibilityReset';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:seisless-gradient-reducer-dev-gradients.fifo';

function received(messageId: string, receives = 1, queue = QUEUE): ReceivedRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    eventSourceARN: queue,
    attributes: { ApproximateReceiveCount: String(receives) },
  };
}

function recordingQueue(refuse: string[] = []) {
  const calls: { queueArn: string; changes: VisibilityChange[] }[] = [];
  const change: ChangeVisibility = async (queueArn, changes) => {
    calls.push({ queueArn, changes: [...changes] });
    return changes
      .filter((c) => refuse.includes(c.messageId))
      .map((c) => ({ messageId: c.messageId, name: 'ReceiptHandleIsInvalid', message: 'expired' }));
  };
  return { calls, change };
}

describe('retryVisibilityS', () => {
  it('is 0 after the first receive, then 1, 3, 7 … s, capped', () => {
    expect([1, 2, 3, 4, 5, 10].map((n) => retryVisibilityS(n, 6))).toEqual([0, 1, 3, 6, 6, 6]);
  });

  it('treats a missing or malformed receive count as the first receive', () => {
    expect(retryVisibilityS(Number.NaN, 6)).toBe(0);
    expect(retryVisibilityS(0, 6)).toBe(0);
  });
});

describe('resetVisibility', () => {
  it('changes the visibility of exactly the failed records, per their receive count', async () => {
    const { calls, change } = recordingQueue();
    const records = [received('a'), received('b', 3), received('c')];

    const result = await resetVisibility(records, ['b', 'c'], change, 6);

    expect(calls).toEqual([
      {
        queueArn: QUEUE,
        changes: [
          { messageId: 'b', receiptHandle: 'rh-b', visibilityTimeoutS: 3 },
          { messageId: 'c', receiptHandle: 'rh-c', visibilityTimeoutS: 0 },
        ],
      },
    ]);
    expect(result).toEqual({ reset: 2, refused: [] });
  });

  it('calls each source queue once', async () => {
    const { calls, change } = recordingQueue();
    const other = `${QUEUE}-other`;

    await resetVisibility([received('a'), received('b', 1, other)], ['a', 'b'], change, 6);

    expect(calls.map((c) => c.queueArn).sort()).toEqual([QUEUE, other].sort());
  });

  it('reports refused entries and failed calls instead of throwing', async () => {
    const refusing = recordingQueue(['a']);
    const broken: ChangeVisibility = async () => {
      throw Object.assign(new Error('Access to the resource is denied'), { name: 'AccessDenied' });
    };

    const partly = await resetVisibility([received('a'), received('b')], ['a', 'b'], refusing.change, 6);
    const none = await resetVisibility([received('a')], ['a'], broken, 6);

    expect(partly).toEqual({
      reset: 1,
      refused: [{ messageId: 'a', name: 'ReceiptHandleIsInvalid', message: 'expired' }],
    });
    expect(none).toEqual({
      reset: 0,
      refused: [{ messageId: 'a', name: 'AccessDenied', message: 'Access to the resource is denied' }],
    });
  });

  it('calls nothing when no record failed', async () => {
    const { calls, change } = recordingQueue();

    expect(await resetVisibility([received('a')], [], change, 6)).toEqual({ reset: 0, refused: [] });
    expect(calls).toEqual([]);
  });
});
