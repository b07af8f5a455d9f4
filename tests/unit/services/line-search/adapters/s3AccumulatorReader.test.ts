import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { s3AccumulatorReader } from '../../../../../services/line-search/src/adapters/s3AccumulatorReader';

const s3Mock = mockClient(S3Client);

beforeEach(() => s3Mock.reset());

/** A GetObject body as the SDK returns it (only the method the adapter uses). */
const body = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes }) as never;

describe('s3AccumulatorReader', () => {
  it('reads the bytes and the user metadata of an object', async () => {
    s3Mock
      .on(GetObjectCommand)
      .resolves({ Body: body(Uint8Array.from([1, 2])), Metadata: { manifest: 'Aw==', count: '2' } });
    const object = await s3AccumulatorReader(new S3Client({}), 'bucket').read('k');
    expect(object).toEqual({ bytes: Uint8Array.from([1, 2]), metadata: { manifest: 'Aw==', count: '2' } });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'bucket', Key: 'k' });
  });

  it('is undefined for a missing object', async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no', $metadata: {} }));
    expect(await s3AccumulatorReader(new S3Client({}), 'bucket').read('k')).toBeUndefined();
  });

  it('passes other errors on', async () => {
    s3Mock.on(GetObjectCommand).rejects(new Error('AccessDenied'));
    await expect(s3AccumulatorReader(new S3Client({}), 'bucket').read('k')).rejects.toThrow('AccessDenied');
  });
});
