import { collectBatch } from '../../../../scripts/local-cloud/sqs/collectBatch';

/** A fake queue: each receive takes up to `max` of the messages available at that moment. */
function fakeQueue(arrivals: { at: number; count: number }[]) {
  const started = Date.now();
  let taken = 0;
  const calls: { max: number; waitS: number }[] = [];
  const receive = async (max: number, waitS: number): Promise<number[]> => {
    calls.push({ max, waitS });
    const available = arrivals
      .filter((arrival) => Date.now() - started >= arrival.at)
      .reduce((n, a) => n + a.count, 0);
    const count = Math.min(max, available - taken);
    taken += count;
    return Array.from({ length: count }, (_, i) => taken - count + i);
  };
  return { receive, calls };
}

describe('collectBatch', () => {
  it('without a batching window, invokes with what one receive returns', async () => {
    const queue = fakeQueue([{ at: 0, count: 25 }]);

    const batch = await collectBatch({
      receive: queue.receive,
      batchSize: 25,
      windowMs: 0,
      idleWaitS: 5,
      isStopped: () => false,
    });

    expect(batch).toHaveLength(10);
    expect(queue.calls).toEqual([{ max: 10, waitS: 5 }]);
  });

  it('with a window, keeps receiving until the batch is full', async () => {
    const queue = fakeQueue([{ at: 0, count: 30 }]);

    const batch = await collectBatch({
      receive: queue.receive,
      batchSize: 25,
      windowMs: 500,
      idleWaitS: 5,
      isStopped: () => false,
    });

    expect(batch).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(queue.calls.map((call) => call.max)).toEqual([10, 10, 5]);
  });

  it('with a window, invokes with what arrived when the window closes', async () => {
    const queue = fakeQueue([
      { at: 0, count: 3 },
      { at: 100, count: 2 },
    ]);
    const started = Date.now();

    const batch = await collectBatch({
      receive: queue.receive,
      batchSize: 50,
      windowMs: 300,
      idleWaitS: 5,
      isStopped: () => false,
      pollMs: 10,
    });

    expect(batch).toHaveLength(5);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});
