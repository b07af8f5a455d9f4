import type { IamCheck } from './evaluator';

/** API actions authorised under another action's name (the batch forms). */
const ACTION_ALIASES: Record<string, string> = {
  SendMessageBatch: 'SendMessage',
  DeleteMessageBatch: 'DeleteMessage',
  ChangeMessageVisibilityBatch: 'ChangeMessageVisibility',
};

/** Actions IAM authorises on `*` only. */
const WILDCARD_ACTIONS = new Set(['ListQueues']);

export interface SqsAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** The queue a request names: the last segment of `QueueUrl` (its account from the URL), or `QueueName`. */
function queueArn(params: Record<string, unknown>, account: SqsAccount): string | undefined {
  const { partition, region, accountId } = account;
  if (typeof params.QueueUrl === 'string') {
    const path = params.QueueUrl.replace(/^[a-z]+:\/\/[^/]+/i, '')
      .split('/')
      .filter(Boolean);
    const name = path.at(-1);
    if (name === undefined) return undefined;
    const owner = path.length >= 2 ? path.at(-2) : accountId;
    return `arn:${partition}:sqs:${region}:${owner}:${name}`;
  }
  if (typeof params.QueueName === 'string')
    return `arn:${partition}:sqs:${region}:${accountId}:${params.QueueName}`;
  return undefined;
}

/**
 * The IAM check of an SQS API call (`AmazonSQS.<Action>` of the JSON protocol, or `Action=` of the
 * query protocol) with its parameters: `sqs:<Action>` (batch forms as their single form) on the queue
 * ARN from `QueueUrl` or `QueueName`; `ListQueues` on `*`. Undefined when no queue is named where
 * one is needed (SQS itself rejects such a request).
 */
export function sqsCheck(
  apiAction: string,
  params: Record<string, unknown>,
  account: SqsAccount,
): IamCheck | undefined {
  const action = `sqs:${ACTION_ALIASES[apiAction] ?? apiAction}`;
  if (WILDCARD_ACTIONS.has(apiAction)) return { action, resource: '*' };
  const resource = queueArn(params, account);
  return resource === undefined ? undefined : { action, resource };
}
