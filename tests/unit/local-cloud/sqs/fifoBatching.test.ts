import {
  type FifoQueueInternals,
  installFifoBatching,
} from '../../../../scripts/local-cloud/sqs/fifoBatching';

/** The fauxqs queue fields the FIFO behaviour works on, with plain stand-ins for the rest. */
class FakeQueue {
  attributes: Record<string, string> = { VisibilityTimeout: '30' };
  fifoMessages = new Map<string, Record<string, unknown>[]>();
  fifoDelayed = new Map<string, Record<string, unknown>[]>();
  fifoLockedGroups = new Map<string, number>();
  inflightMessages = new Map<
    string,
    { message: Record<string, unknown>; receiptHandle: string; visibilityDeadline: number }
  >();
  messages: Record<string, unknown>[] = [];
  dead: Record<string, unknown>[] = [];
  isFifo(): boolean {
    return true;
  }
  enqueue(message: Record<string, unknown>): void {
    this.dead.push(message);
  }
  notifyWaiters(): void {}
  hasAvailableFifoMessages(): boolean {
    return false;
  }
  processTimers(): void {}
  changeVisibility(): void {}
  dequeueFifo(): unknown[] {
    return [];
  }
}
installFifoBatching(FakeQueue.prototype);

function queueWith(groups: Record<string, number>): FakeQueue & FifoQueueInternals {
  const queue = new FakeQueue() as FakeQueue & FifoQueueInternals;
  let sequence = 0;
  for (const [group, count] of Object.entries(groups)) {
    const messages = Array.from({ length: count }, (_, i) => {
      sequence += 1;
      return {
        messageId: `${group}${i}`,
        body: `${group}${i}`,
        md5OfBody: '',
        messageAttributes: {},
        approximateReceiveCount: 0,
        messageGroupId: group,
        sequenceNumber: String(sequence).padStart(20, '0'),
      };
    });
    queue.fifoMessages.set(group, messages);
  }
  return queue;
}

const bodies = (received: unknown[]): string[] =>
  received.map((message) => (message as { Body: string }).Body);

describe('FIFO receives', () => {
  it('return several messages of a group, in order, up to 10, and lock the group', () => {
    const queue = queueWith({ A: 7, B: 6 });

    const first = queue.dequeueFifo(10);
    const second = queue.dequeueFifo(10);

    expect(bodies(first)).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'B0', 'B1', 'B2']);
    expect(second).toEqual([]);
    expect(queue.fifoLockedGroups.get('A')).toBe(7);
  });

  it('put expired messages back in sequence order', () => {
    const queue = queueWith({ A: 4 });
    queue.dequeueFifo(2);
    for (const entry of queue.inflightMessages.values()) entry.visibilityDeadline = 0;

    queue.processTimers();

    expect(queue.fifoLockedGroups.has('A')).toBe(false);
    expect(bodies(queue.dequeueFifo(10))).toEqual(['A0', 'A1', 'A2', 'A3']);
  });

  it('move a message past maxReceiveCount to the dead-letter queue and go on with its group', () => {
    const queue = queueWith({ A: 2 });
    queue.attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: 'arn:dlq', maxReceiveCount: 1 });
    const first = queue.fifoMessages.get('A')?.[0];
    if (first) first.approximateReceiveCount = 1;

    const received = queue.dequeueFifo(10, undefined, () => queue);

    expect(bodies(received)).toEqual(['A1']);
    expect(queue.dead.map((message) => message.body)).toEqual(['A0']);
  });
});
