import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

/** One record of the event Lambda builds from SQS messages (`aws:sqs`). */
export interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, LambdaMessageAttribute>;
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: 'aws:sqs';
  eventSourceARN: string;
  awsRegion: string;
}

export interface LambdaMessageAttribute {
  dataType: string;
  stringValue?: string;
  binaryValue?: string;
  stringListValues: string[];
  binaryListValues: string[];
}

function attribute(value: MessageAttributeValue): LambdaMessageAttribute {
  const binary = value.BinaryValue as Uint8Array | string | undefined;
  return {
    dataType: value.DataType ?? 'String',
    stringValue: value.StringValue,
    binaryValue: binary === undefined ? undefined : Buffer.from(binary).toString('base64'),
    stringListValues: value.StringListValues ?? [],
    binaryListValues: [],
  };
}

/** The system attributes Lambda puts on every record (FIFO ones only on FIFO queues). */
const SYSTEM_ATTRIBUTES = [
  'ApproximateReceiveCount',
  'SentTimestamp',
  'SenderId',
  'ApproximateFirstReceiveTimestamp',
  'MessageGroupId',
  'MessageDeduplicationId',
  'SequenceNumber',
];

/** Turns a received SQS message into the record Lambda hands to the function. */
export function toSqsRecord(message: Message, queueArn: string, region: string): SqsRecord {
  const attributes: Record<string, string> = {};
  for (const name of SYSTEM_ATTRIBUTES) {
    const value = message.Attributes?.[name as keyof typeof message.Attributes];
    if (value !== undefined) attributes[name] = value;
  }
  const messageAttributes: Record<string, LambdaMessageAttribute> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    messageAttributes[name] = attribute(value);
  }
  return {
    messageId: message.MessageId ?? '',
    receiptHandle: message.ReceiptHandle ?? '',
    body: message.Body ?? '',
    attributes,
    messageAttributes,
    md5OfBody: message.MD5OfBody ?? '',
    ...(message.MD5OfMessageAttributes ? { md5OfMessageAttributes: message.MD5OfMessageAttributes } : {}),
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
}
