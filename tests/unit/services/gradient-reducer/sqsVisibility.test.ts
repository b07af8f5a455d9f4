import { ChangeMessageVisibilityBatchCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { ValidationError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { parseQueueArn, sqsVisibility } from '../../../../services/gradient-reducer/src/sqsVisibility';

const sqs = mockClient(SQSClient);
const ARN = 'arn:aws:sqs:us-east-1:123456789012:seisless-gradient-reducer-dev-gradients.fifo';
const URL = 'https://sqs.us-east-1.amazonaws.com/123456789012/seisless-gradient-reducer-dev-gradients.fifo';
const change = (i: number, visibilityTimeoutS = 0) => ({
  messageId: `m${i}`,
  receiptHandle: `rh${i}`,
  visibilityTimeoutS,
});

beforeEach(() => {
  sqs.reset();
  sqs.on(GetQueueUrlCommand).resolves({ QueueUrl: URL });
  sqs.on(ChangeMessageVisibilityBatchCommand).resolves({ Successful: [], Failed: [] });
});

describe('parseQueueArn', () => {
  it('reads the owner account and the queue name', () => {
    expect(parseQueueArn(ARN)).toEqual({
      account: '123456789012',
      name: 'seisless-gradient-reducer-dev-gradients.fifo',
    });
  });

  it('rejects what is not a queue ARN, naming it', () => {
    expect(() => parseQueueArn('arn:aws:s3:::bucket')).toThrow(ValidationError);
    expect(() => parseQueueArn('arn:aws:s3:::bucket')).toThrow(/arn:aws:s3:::bucket/);
  });
});

describe('sqsVisibility', () => {
  it('looks the queue URL up once and changes visibilities in batches of ten', async () => {
    const changeVisibility = sqsVisibility(new SQSClient({}));
    const changes = Array.from({ length: 12 }, (_, i) => change(i, i % 2));

    await changeVisibility(ARN, changes);
    await changeVisibility(ARN, [change(20)]);

    expect(sqs.commandCalls(GetQueueUrlCommand).map((c) => c.args[0].input)).toEqual([
      { QueueName: 'seisless-gradient-reducer-dev-gradients.fifo', QueueOwnerAWSAccountId: '123456789012' },
    ]);
    const batches = sqs.commandCalls(ChangeMessageVisibilityBatchCommand).map((c) => c.args[0].input);
    expect(batches.map((b) => b.Entries?.length)).toEqual([10, 2, 1]);
    expect(batches[0]?.QueueUrl).toBe(URL);
    expect(batches[1]?.Entries).toEqual([
      { Id: 'e0', ReceiptHandle: 'rh10', VisibilityTimeout: 0 },
      { Id: 'e1', ReceiptHandle: 'rh11', VisibilityTimeout: 1 },
    ]);
  });

  it('returns the entries SQS refused, by messageId', async () => {
    sqs.on(ChangeMessageVisibilityBatchCommand).resolves({
      Successful: [{ Id: 'e0' }],
      Failed: [{ Id: 'e1', Code: 'ReceiptHandleIsInvalid', Message: 'expired', SenderFault: true }],
    });

    const refused = await sqsVisibility(new SQSClient({}))(ARN, [change(0), change(1)]);

    expect(refused).toEqual([{ messageId: 'm1', name: 'ReceiptHandleIsInvalid', message: 'expired' }]);
  });

  it('retries a failed URL lookup on the next call', async () => {
    sqs.on(GetQueueUrlCommand).rejectsOnce(new Error('socket hang up')).resolves({ QueueUrl: URL });
    const changeVisibility = sqsVisibility(new SQSClient({}));

    await expect(changeVisibility(ARN, [change(0)])).rejects.toThrow('socket hang up');
    await changeVisibility(ARN, [change(0)]);

    expect(sqs.commandCalls(GetQueueUrlCommand)).toHaveLength(2);
    expect(sqs.commandCalls(ChangeMessageVisibilityBatchCommand)).toHaveLength(1);
  });
});
