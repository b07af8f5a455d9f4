import type { Context, S3Event } from 'aws-lambda';

let invocation = 0;

/** A Lambda context as the runtime passes it (one request id per call). */
export function lambdaContext(functionName = 'seisless-test-dev-fn'): Context {
  invocation += 1;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '128',
    awsRequestId: `request-${invocation}`,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An S3 ObjectCreated notification for `keys` (URL-encoded as S3 sends them). */
export function s3Event(...keys: string[]): S3Event {
  return {
    Records: keys.map((key) => ({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'us-east-1',
      eventTime: '2026-01-01T00:00:00.000Z',
      eventName: 'ObjectCreated:Put',
      userIdentity: { principalId: 'local' },
      requestParameters: { sourceIPAddress: '127.0.0.1' },
      responseElements: { 'x-amz-request-id': 'r', 'x-amz-id-2': 'r' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'start',
        bucket: {
          name: 'seisless-test-data',
          ownerIdentity: { principalId: 'local' },
          arn: 'arn:aws:s3:::b',
        },
        object: {
          key: encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+'),
          size: 1,
          eTag: 'e',
          sequencer: '1',
        },
      },
    })),
  };
}
