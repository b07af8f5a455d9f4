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

/** The queue's attributes with its VisibilityTimeout lowered to `maxVisibilityS`, if given. */
export function cappedAttributes(
  attributes: Record<string, string>,
  maxVisibilityS: number | undefined,
): Record<string, string> {
  const declared = Number(attributes.VisibilityTimeout ?? '30');
  if (maxVisibilityS === undefined || declared <= maxVisibilityS) return attributes;
  return { ...attributes, VisibilityTimeout: String(maxVisibilityS) };
}

/**
 * Creates every declared queue (CreateQueue is idempotent) and returns their URLs by name;
 * `maxVisibilityS` caps the visibility timeouts (LocalCloudOptions.maxVisibilityTimeoutS).
 */
export async function createQueues(
  client: SQSClient,
  queues: QueueDef[],
  maxVisibilityS?: number,
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const queue of dlqFirst(queues)) {
    const Attributes = cappedAttributes(queue.attributes, maxVisibilityS);
    const created = await client.send(new CreateQueueCommand({ QueueName: queue.name, Attributes }));
    urls.set(queue.name, created.QueueUrl ?? '');
  }
  return urls;
}
