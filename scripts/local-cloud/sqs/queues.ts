import { CreateQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { QueueDef } from '../wiring/model';

/** Dead-letter queues first, so every redrive target exists when its source queue is created. */
function dlqFirst(queues: QueueDef[]): QueueDef[] {
  const targets = new Set(
    queues.flatMap((queue) => {
      const policy = queue.attributes.RedrivePolicy;
      return policy
        ? [String((JSON.parse(policy) as { deadLetterTargetArn?: string }).deadLetterTargetArn)]
        : [];
    }),
  );
  return [...queues].sort((a, b) => Number(targets.has(b.arn)) - Number(targets.has(a.arn)));
}

/**
 * Creates every declared queue with its declared attributes (CreateQueue is idempotent) and
 * returns their URLs by name. Visibility timeouts are the deployed ones: recovery from a crashed
 * consumer is measured as it will be on AWS.
 */
export async function createQueues(client: SQSClient, queues: QueueDef[]): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const queue of dlqFirst(queues)) {
    const created = await client.send(
      new CreateQueueCommand({ QueueName: queue.name, Attributes: queue.attributes }),
    );
    urls.set(queue.name, created.QueueUrl ?? '');
  }
  return urls;
}
