import { ChangeMessageVisibilityBatchCommand, GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '@seisless/core';
import type { ChangeVisibility, RefusedChange, VisibilityChange } from './visibilityReset';

/** Queue name and owner from `arn:<partition>:sqs:<region>:<account>:<name>`. */
export function parseQueueArn(arn: string): { readonly account: string; readonly name: string } {
  const [prefix, , service, , account, name] = arn.split(':');
  if (prefix !== 'arn' || service !== 'sqs' || !account || !name) {
    throw new ValidationError(
      `eventSourceARN: '${arn}' is not a queue ARN; expected arn:<partition>:sqs:<region>:<account>:<name>`,
    );
  }
  return { account, name };
}

/** Remembers each queue's URL (one GetQueueUrl per queue and cold start; a failed lookup is retried). */
function queueUrls(client: SQSClient): (queueArn: string) => Promise<string> {
  const urls = new Map<string, Promise<string>>();
  const lookUp = async (queueArn: string): Promise<string> => {
    const { account, name } = parseQueueArn(queueArn);
    const out = await client.send(
      new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }),
    );
    if (!out.QueueUrl) throw new ValidationError(`${queueArn}: GetQueueUrl returned no URL`);
    return out.QueueUrl;
  };
  return (queueArn) => {
    let url = urls.get(queueArn);
    if (url === undefined) {
      url = lookUp(queueArn);
      urls.set(queueArn, url);
      url.catch(() => urls.delete(queueArn));
    }
    return url;
  };
}

async function changeTen(
  client: SQSClient,
  QueueUrl: string,
  changes: readonly VisibilityChange[],
): Promise<RefusedChange[]> {
  const Entries = changes.map((c, i) => ({
    Id: `e${i}`,
    ReceiptHandle: c.receiptHandle,
    VisibilityTimeout: c.visibilityTimeoutS,
  }));
  const out = await client.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl, Entries }));
  return (out.Failed ?? []).map((failed) => ({
    messageId: changes[Number(failed.Id?.slice(1))]?.messageId ?? String(failed.Id),
    name: failed.Code ?? 'Error',
    message: failed.Message ?? 'ChangeMessageVisibilityBatch refused the entry',
  }));
}

/**
 * The SQS implementation of {@link ChangeVisibility}: ChangeMessageVisibilityBatch in groups of
 * ten (the API's limit) on the queue the records came from (needs `sqs:GetQueueUrl` and
 * `sqs:ChangeMessageVisibility` on it). A call that fails as a whole rejects.
 *
 * @example
 * const change = sqsVisibility(new SQSClient({}));
 * await change(record.eventSourceARN, [{ messageId, receiptHandle, visibilityTimeoutS: 0 }]);
 */
export function sqsVisibility(client: SQSClient): ChangeVisibility {
  const urlOf = queueUrls(client);
  return async (queueArn, changes) => {
    const url = await urlOf(queueArn);
    const tens = Array.from({ length: Math.ceil(changes.length / 10) }, (_, i) =>
      changes.slice(10 * i, 10 * i + 10),
    );
    return (await Promise.all(tens.map((ten) => changeTen(client, url, ten)))).flat();
  };
}
