import { S3Client } from '@aws-sdk/client-s3';
import {
  GetQueueAttributesCommand,
  type GetQueueAttributesCommandOutput,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type FixtureCloud,
  readJsonObjects,
  startFixtureCloud,
  useCloudEnvironment,
  waitFor,
} from './support/cloud';

jest.setTimeout(90000);

interface SqsObservation {
  functionName: string;
  records: {
    messageId: string;
    body: string;
    receiveCount: number;
    groupId?: string;
    sequenceNumber?: string;
  }[];
  failed: string[];
  thrown: boolean;
}

const BUCKET = 'lc-local-fixtures';
const fn = (name: string): string => `lc-events-local-${name}`;

describe('local cloud: SQS queues and event sources', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let sqs: SQSClient;
  let s3: S3Client;
  const url = (queue: string): string => fixture.cloud.queueUrls.get(`lc-events-local-${queue}`) ?? '';

  beforeAll(async () => {
    fixture = await startFixtureCloud(['events']);
    restoreEnv = useCloudEnvironment(fixture.cloud);
    sqs = new SQSClient({});
    s3 = new S3Client({});
    // Warm the execution environments, so cold starts do not outlast the 3 s visibility timeouts.
    const warm = ['record', 'record', 'recordOrdered', 'recordOrdered', 'recordWindow', 'recordDeadLetters'];
    await Promise.all(warm.map((name) => fixture.cloud.invokeFunction(fn(name), { Records: [] })));
  });

  afterAll(async () => {
    sqs?.destroy();
    s3?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  /** The non-empty batches a function received that carry messages tagged `tag`, in delivery order. */
  async function batches(name: string, tag: string): Promise<SqsObservation[]> {
    const all = await readJsonObjects<SqsObservation>(s3, BUCKET, `observations/${fn(name)}/`);
    return all.filter((batch) => batch.records.some((record) => record.body.includes(`"${tag}"`)));
  }

  async function send(queue: string, bodies: object[], fifo?: (i: number) => { group: string; id: string }) {
    for (let start = 0; start < bodies.length; start += 10) {
      const entries = bodies.slice(start, start + 10).map((body, offset) => ({
        Id: `m${start + offset}`,
        MessageBody: JSON.stringify(body),
        ...(fifo
          ? { MessageGroupId: fifo(start + offset).group, MessageDeduplicationId: fifo(start + offset).id }
          : {}),
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl: url(queue), Entries: entries }));
    }
  }

  async function attributes(queue: string): Promise<GetQueueAttributesCommandOutput['Attributes']> {
    const out = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: url(queue), AttributeNames: ['All'] }),
    );
    return out.Attributes;
  }

  it('creates every declared queue with its attributes and redrive policy', async () => {
    const work = await attributes('work');
    const ordered = await attributes('ordered.fifo');

    expect(url('work')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/000000000000\/lc-events-local-work$/);
    expect(work?.VisibilityTimeout).toBe('3');
    expect(JSON.parse(work?.RedrivePolicy ?? '{}')).toEqual({
      deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:lc-events-local-work-dlq',
      maxReceiveCount: 2,
    });
    expect(ordered?.FifoQueue).toBe('true');
    expect(await attributes('work-dlq')).toHaveProperty('MessageRetentionPeriod', '1209600');
  });

  it('hands messages over in batches of at most batchSize and deletes them once processed', async () => {
    await send(
      'work',
      Array.from({ length: 12 }, (_, i) => ({ tag: 'sizes', i })),
    );

    const seen = await waitFor('12 processed messages', async () => {
      const found = await batches('record', 'sizes');
      return found.flatMap((batch) => batch.records).length >= 12 ? found : undefined;
    });
    const drained = await waitFor('an empty queue', async () => {
      const now = await attributes('work');
      return now?.ApproximateNumberOfMessages === '0' && now.ApproximateNumberOfMessagesNotVisible === '0'
        ? now
        : undefined;
    });

    expect(drained).toBeDefined();
    expect(Math.max(...seen.map((batch) => batch.records.length))).toBeLessThanOrEqual(5);
    expect(seen.flatMap((batch) => batch.records.map((record) => record.receiveCount))).toEqual(
      Array(12).fill(1),
    );
  });

  it('redelivers only reported failures, after the visibility timeout, then moves them to the dead-letter queue', async () => {
    const sentAt = Date.now();
    await send('work', [
      { tag: 'partial', fail: true },
      { tag: 'partial', i: 1 },
      { tag: 'partial', i: 2 },
    ]);

    const dead = await waitFor('the dead letter', async () => {
      const found = await batches('recordDeadLetters', 'partial');
      return found[0];
    });
    const deliveries = (await batches('record', 'partial')).flatMap((batch) => batch.records);
    const failing = deliveries.filter((record) => record.body.includes('"fail"'));

    expect(failing.map((record) => record.receiveCount)).toEqual([1, 2]);
    expect(deliveries.filter((record) => !record.body.includes('"fail"'))).toHaveLength(2);
    expect(dead.records.map((record) => record.messageId)).toEqual([failing[0]?.messageId]);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(2 * 3000);
  });

  it('redelivers the whole batch when the function fails', async () => {
    await send('work', [{ tag: 'thrown', throw: true }]);

    const dead = await waitFor('the thrown batch in the dead-letter queue', async () => {
      const found = await batches('recordDeadLetters', 'thrown');
      return found[0];
    });
    const deliveries = (await batches('record', 'thrown')).flatMap((batch) => batch.records);

    expect(deliveries.map((record) => record.receiveCount)).toEqual([1, 2]);
    expect(dead.records).toHaveLength(1);
  });

  it('keeps FIFO order within each group, batching several messages of a group, across partial failures', async () => {
    const bodies = Array.from({ length: 16 }, (_, i) => ({
      tag: 'fifo',
      group: i % 2 ? 'B' : 'A',
      n: Math.floor(i / 2),
      failFirst: i === 7,
    }));
    await send('ordered.fifo', bodies, (i) => ({ group: i % 2 ? 'B' : 'A', id: `fifo-${i}` }));

    const seen = await waitFor('every message processed', async () => {
      const found = await batches('recordOrdered', 'fifo');
      const done = found.flatMap((batch) =>
        batch.records.filter((record) => !batch.failed.includes(record.messageId)),
      );
      return done.length >= 16 ? found : undefined;
    });
    const processed = (group: string): number[] =>
      seen
        .flatMap((batch) => batch.records.filter((record) => !batch.failed.includes(record.messageId)))
        .map((record) => JSON.parse(record.body) as { group: string; n: number })
        .filter((body) => body.group === group)
        .map((body) => body.n);

    expect(processed('A')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(processed('B')).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(
      Math.max(...seen.map((batch) => batch.records.filter((r) => r.groupId === 'A').length)),
    ).toBeGreaterThan(1);
    expect(seen.some((batch) => batch.failed.length > 0)).toBe(true);
  });

  it('gathers messages for up to maximumBatchingWindow before invoking', async () => {
    await send(
      'window',
      Array.from({ length: 25 }, (_, i) => ({ tag: 'window', i })),
    );

    const seen = await waitFor('25 windowed messages', async () => {
      const found = await batches('recordWindow', 'window');
      return found.flatMap((batch) => batch.records).length >= 25 ? found : undefined;
    });

    expect(Math.max(...seen.map((batch) => batch.records.length))).toBeGreaterThan(10);
  });
});
