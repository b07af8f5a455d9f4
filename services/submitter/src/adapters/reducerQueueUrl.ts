import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ConfigError } from '@seisless/core';

/**
 * Resolves the reducer queue's URL by name on first use and remembers it (once per cold start;
 * a failed lookup is retried on the next call).
 *
 * @example
 * const queueUrl = reducerQueueUrl(new SQSClient({}), config.reducerQueueName);
 * await queueUrl(); // 'https://sqs.us-east-1.amazonaws.com/123/seisless-gradient-reducer-dev-gradients.fifo'
 */
export function reducerQueueUrl(client: SQSClient, queueName: string): () => Promise<string> {
  let pending: Promise<string> | undefined;
  const resolve = async (): Promise<string> => {
    const out = await client.send(new GetQueueUrlCommand({ QueueName: queueName }));
    if (!out.QueueUrl)
      throw new ConfigError(
        'SEISLESS_REDUCER_QUEUE_NAME',
        `'${queueName}' has no queue URL`,
        'an existing queue',
      );
    return out.QueueUrl;
  };
  return () => {
    pending ??= resolve().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}
