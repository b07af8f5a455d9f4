import {
  GetObjectCommand,
  HeadObjectCommand,
  NotFound,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { s3ObjectBytes, TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';

const s3 = mockClient(S3Client);
const objects = () => s3ObjectBytes(new S3Client({ maxAttempts: 1 }), 'bucket');

beforeEach(() => s3.reset());
afterAll(() => s3.restore());

describe('s3ObjectBytes', () => {
  it('reads bytes [start, end) with one ranged GET', async () => {
    s3.on(GetObjectCommand).resolves({
      Body: { transformToByteArray: async () => new Uint8Array([7, 8]) } as never,
      ContentRange: 'bytes 10-11/100',
    });

    const bytes = await objects().read('runs/demo/inputs/model.npy', 10, 12);

    expect(Array.from(bytes)).toEqual([7, 8]);
    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input.Range).toBe('bytes=10-11');
  });

  it('gives the size, or undefined when there is no such object', async () => {
    s3.on(HeadObjectCommand, { Key: 'here' }).resolves({ ContentLength: 100 });
    s3.on(HeadObjectCommand, { Key: 'gone' }).rejects(
      new NotFound({ message: 'no', $metadata: { httpStatusCode: 404 } }),
    );

    await expect(objects().size('here')).resolves.toBe(100);
    await expect(objects().size('gone')).resolves.toBeUndefined();
  });

  it('surfaces an S3 SlowDown as a TransientError', async () => {
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({
        name: 'SlowDown',
        $fault: 'server',
        $metadata: { httpStatusCode: 503 },
        message: 'slow',
      }),
    );

    await expect(objects().size('runs/demo/inputs/model.npy')).rejects.toThrow(TransientError);
  });
});
