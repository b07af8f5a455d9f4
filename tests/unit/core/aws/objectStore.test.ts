import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { InputError, s3ObjectStore, TransientError } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';

const s3 = mockClient(S3Client);
const body = (text: string) => ({ transformToByteArray: async () => Buffer.from(text) }) as never;
const serviceError = (name: string, status: number) =>
  new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: `${name} message`,
  });
const store = () => s3ObjectStore(new S3Client({ maxAttempts: 1 }), 'bucket');

beforeEach(() => s3.reset());

describe('s3ObjectStore', () => {
  it('reads JSON, and undefined or an InputError for a missing object', async () => {
    s3.on(GetObjectCommand, { Key: 'here.json' }).resolves({ Body: body('{"a":1}') });
    s3.on(GetObjectCommand, { Key: 'gone.json' }).rejects(
      new NoSuchKey({ message: 'no', $metadata: { httpStatusCode: 404 } }),
    );

    await expect(store().getJson('here.json')).resolves.toEqual({ a: 1 });
    await expect(store().getJsonOrUndefined('gone.json')).resolves.toBeUndefined();
    await expect(store().getJson('gone.json')).rejects.toThrow(
      new InputError('s3://bucket/gone.json', 'no such object', 'an existing object').message,
    );
  });

  it('names the object that is not JSON', async () => {
    s3.on(GetObjectCommand).resolves({ Body: body('{nope') });

    await expect(store().getJson('bad.json')).rejects.toThrow(
      's3://bucket/bad.json: not valid JSON; expected a JSON document',
    );
  });

  it('writes JSON with its content type, and tells whether an object exists', async () => {
    s3.on(PutObjectCommand).resolves({});
    s3.on(HeadObjectCommand, { Key: 'a' }).resolves({ ContentLength: 1 });
    s3.on(HeadObjectCommand, { Key: 'b' }).rejects(
      new NotFound({ message: 'no', $metadata: { httpStatusCode: 404 } }),
    );

    await store().putJson('runs/demo/state.json', { status: 'RUNNING' });

    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'bucket',
      Key: 'runs/demo/state.json',
      ContentType: 'application/json',
    });
    await expect(store().exists('a')).resolves.toBe(true);
    await expect(store().exists('b')).resolves.toBe(false);
  });

  it('lists keys with their size and time over every page', async () => {
    const when = new Date('2026-01-01T00:00:00Z');
    s3.on(ListObjectsV2Command)
      .resolvesOnce({
        Contents: [{ Key: 'p/a', Size: 3, LastModified: when }],
        IsTruncated: true,
        NextContinuationToken: 't',
      })
      .resolvesOnce({ Contents: [{ Key: 'p/b', Size: 5 }], IsTruncated: false });

    await expect(store().list('p/')).resolves.toEqual([
      { key: 'p/a', size: 3, lastModified: when.getTime() },
      { key: 'p/b', size: 5, lastModified: 0 },
    ]);
  });

  it('turns S3 throttling into a TransientError (the state machine retries it)', async () => {
    s3.on(GetObjectCommand).rejects(serviceError('SlowDown', 503));
    s3.on(PutObjectCommand).rejects(serviceError('SlowDown', 503));

    await expect(store().getJson('runs/demo/spec.json')).rejects.toThrow(TransientError);
    await expect(store().putNpy('m.npy', { shape: [1], data: new Float32Array(1) })).rejects.toThrow(
      /^s3:\/\/bucket\/m.npy: PutObject failed with SlowDown \(SlowDown message\)/,
    );
  });

  it("leaves an AccessDenied as S3 raised it: its name and AWS's message reach the user", async () => {
    s3.on(PutObjectCommand).rejects(serviceError('AccessDenied', 403));

    await expect(store().putJson('runs/demo/state.json', {})).rejects.toMatchObject({
      name: 'AccessDenied',
      message: 'AccessDenied message',
    });
  });
});
