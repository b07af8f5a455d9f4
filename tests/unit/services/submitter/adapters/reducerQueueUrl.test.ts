import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { reducerQueueUrl } from '../../../../../services/submitter/src/adapters/reducerQueueUrl';

const sqsMock = mockClient(SQSClient);

beforeEach(() => sqsMock.reset());

describe('reducerQueueUrl', () => {
  it('looks the queue up once and remembers its URL', async () => {
    sqsMock.on(GetQueueUrlCommand).resolves({ QueueUrl: 'https://sqs/q.fifo' });
    const url = reducerQueueUrl(new SQSClient({}), 'q.fifo');
    expect(await url()).toBe('https://sqs/q.fifo');
    expect(await url()).toBe('https://sqs/q.fifo');
    expect(sqsMock.commandCalls(GetQueueUrlCommand)).toHaveLength(1);
    expect(sqsMock.commandCalls(GetQueueUrlCommand)[0]?.args[0].input).toEqual({ QueueName: 'q.fifo' });
  });

  it('tries again after a failed lookup', async () => {
    sqsMock
      .on(GetQueueUrlCommand)
      .rejectsOnce(new Error('throttled'))
      .resolves({ QueueUrl: 'https://sqs/q.fifo' });
    const url = reducerQueueUrl(new SQSClient({}), 'q.fifo');
    await expect(url()).rejects.toThrow('throttled');
    expect(await url()).toBe('https://sqs/q.fifo');
  });

  it('fails with a ConfigError when the queue has no URL', async () => {
    sqsMock.on(GetQueueUrlCommand).resolves({});
    await expect(reducerQueueUrl(new SQSClient({}), 'q.fifo')()).rejects.toThrow(
      /SEISLESS_REDUCER_QUEUE_NAME/,
    );
  });
});
