import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createQueues } from '../../../../scripts/local-cloud/sqs/queues';
import type { QueueDef } from '../../../../scripts/local-cloud/wiring/model';

const sqs = mockClient(SQSClient);
const arn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const queue = (name: string, attributes: Record<string, string>): QueueDef => ({
  logicalId: name,
  service: 'svc',
  name,
  arn: arn(name),
  attributes,
});

beforeEach(() => {
  sqs.reset();
  sqs.on(CreateQueueCommand).callsFake((input: { QueueName: string }) => ({
    QueueUrl: `http://127.0.0.1:1/000000000000/${input.QueueName}`,
  }));
});

describe('createQueues', () => {
  const source = queue('work.fifo', {
    FifoQueue: 'true',
    VisibilityTimeout: '6',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn('work-dlq.fifo'), maxReceiveCount: 10 }),
  });
  const dlq = queue('work-dlq.fifo', { FifoQueue: 'true', VisibilityTimeout: '180' });

  it('creates the dead-letter queue before the queue that redrives into it', async () => {
    const urls = await createQueues(new SQSClient({}), [source, dlq]);

    expect(sqs.commandCalls(CreateQueueCommand).map((c) => c.args[0].input.QueueName)).toEqual([
      'work-dlq.fifo',
      'work.fifo',
    ]);
    expect(urls.get('work.fifo')).toBe('http://127.0.0.1:1/000000000000/work.fifo');
  });

  it('creates every queue with exactly its declared attributes (the deployed visibility timeouts)', async () => {
    await createQueues(new SQSClient({}), [source, dlq]);

    const created = sqs.commandCalls(CreateQueueCommand).map((c) => c.args[0].input);
    expect(created).toContainEqual({ QueueName: 'work.fifo', Attributes: source.attributes });
    expect(created).toContainEqual({ QueueName: 'work-dlq.fifo', Attributes: dlq.attributes });
  });
});
