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
import { InputError, s3BlobStore, TransientError, translateS3Error } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';

const s3 = mockClient(S3Client);
const ref = { bucket: 'b', key: 'runs/demo/x.npy' };
const body = (bytes: Uint8Array) => ({ transformToByteArray: async () => bytes }) as never;
const serviceError = (name: string, status: number, fault: 'client' | 'server' = 'client') =>
  new S3ServiceException({ name, $fault: fault, $metadata: { httpStatusCode: status }, message: name });

beforeEach(() => s3.reset());

describe('s3BlobStore', () => {
  it('GETs a byte range and reports the whole object size from Content-Range', async () => {
    s3.on(GetObjectCommand).resolves({
      Body: body(new Uint8Array([1, 2, 3, 4])),
      ContentRange: 'bytes 128-131/208',
      ContentLength: 4,
      Metadata: { a: '1' },
      ETag: '"e"',
    });

    const blob = await s3BlobStore(new S3Client({})).get(ref, { first: 128, last: 131 });

    expect(s3.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'b',
      Key: ref.key,
      Range: 'bytes=128-131',
    });
    expect(blob).toMatchObject({ size: 208, metadata: { a: '1' }, etag: '"e"' });
    expect(Array.from(blob?.body ?? [])).toEqual([1, 2, 3, 4]);
  });

  it('reads a missing object as undefined (GET and HEAD)', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'no', $metadata: { httpStatusCode: 404 } }));
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'no', $metadata: { httpStatusCode: 404 } }));
    const store = s3BlobStore(new S3Client({}));

    await expect(store.get(ref)).resolves.toBeUndefined();
    await expect(store.head(ref)).resolves.toBeUndefined();
  });

  it('HEADs metadata, ETag, time and size', async () => {
    const when = new Date('2025-01-01T00:00:00Z');
    s3.on(HeadObjectCommand).resolves({
      Metadata: { count: '2' },
      ETag: '"e"',
      LastModified: when,
      ContentLength: 9,
    });

    const info = await s3BlobStore(new S3Client({})).head(ref);

    expect(info).toEqual({ metadata: { count: '2' }, etag: '"e"', lastModified: when, size: 9 });
  });

  it('PUTs body, metadata and the write condition in one request', async () => {
    s3.on(PutObjectCommand).resolves({});
    const bytes = new Uint8Array([9, 9]);

    await s3BlobStore(new S3Client({})).put(ref, bytes, {
      metadata: { count: '1' },
      ifMatch: '"e"',
      tagging: 'a=b',
    });

    expect(s3.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: 'b',
      Key: ref.key,
      Body: bytes,
      ContentLength: 2,
      Metadata: { count: '1' },
      IfMatch: '"e"',
      Tagging: 'a=b',
    });
  });

  it('turns a failed write condition (412) into a TransientError', async () => {
    s3.on(PutObjectCommand).rejects(serviceError('PreconditionFailed', 412));

    const put = s3BlobStore(new S3Client({})).put(ref, new Uint8Array(1), { ifNoneMatch: '*' });

    await expect(put).rejects.toThrow(TransientError);
    await expect(put).rejects.toThrow(
      's3://b/runs/demo/x.npy: PutObject failed with PreconditionFailed (PreconditionFailed); expected the object unchanged since it was read',
    );
  });

  it('lists every page under a prefix', async () => {
    s3.on(ListObjectsV2Command, { Prefix: 'p/' })
      .resolvesOnce({ Contents: [{ Key: 'p/a' }], IsTruncated: true, NextContinuationToken: 't' })
      .resolvesOnce({ Contents: [{ Key: 'p/b' }], IsTruncated: false });

    await expect(s3BlobStore(new S3Client({})).list('b', 'p/')).resolves.toEqual(['p/a', 'p/b']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]?.args[0].input.ContinuationToken).toBe('t');
  });
});

describe('translateS3Error', () => {
  it.each([
    ['InternalError', serviceError('InternalError', 500, 'server'), TransientError],
    ['SlowDown', serviceError('SlowDown', 503, 'server'), TransientError],
    ['ServiceUnavailable', serviceError('ServiceUnavailable', 503, 'server'), TransientError],
    ['ThrottlingException', serviceError('ThrottlingException', 400), TransientError],
    ['RequestTimeout', serviceError('RequestTimeout', 400), TransientError],
    ['a 429', serviceError('TooManyRequests', 429), TransientError],
    ['ConditionalRequestConflict', serviceError('ConditionalRequestConflict', 409), TransientError],
    ['a socket hang-up', new Error('socket hang up'), TransientError],
    ['InvalidRange', serviceError('InvalidRange', 416), InputError],
  ])('maps %s into the family, keeping the cause', (_what, error, type) => {
    const translated = translateS3Error(error, 'GetObject', 's3://b/k');

    expect(translated).toBeInstanceOf(type);
    expect((translated as Error).cause).toBe(error);
    expect((translated as Error).message).toMatch(/^s3:\/\/b\/k: GetObject failed with .*; expected /);
  });

  it('leaves a permission error as S3 raised it (its name and message reach the user)', () => {
    const denied = serviceError('AccessDenied', 403);

    expect(translateS3Error(denied, 'GetObject', 's3://b/k')).toBe(denied);
  });

  it('turns a SlowDown of every operation into a TransientError naming operation and object', async () => {
    s3.on(GetObjectCommand).rejects(serviceError('SlowDown', 503, 'server'));
    s3.on(HeadObjectCommand).rejects(serviceError('SlowDown', 503, 'server'));
    s3.on(PutObjectCommand).rejects(serviceError('SlowDown', 503, 'server'));
    s3.on(ListObjectsV2Command).rejects(serviceError('SlowDown', 503, 'server'));
    const store = s3BlobStore(new S3Client({ maxAttempts: 1 }));

    await expect(store.get(ref, { first: 0, last: 9 })).rejects.toThrow(TransientError);
    await expect(store.get(ref, { first: 0, last: 9 })).rejects.toThrow(
      's3://b/runs/demo/x.npy: GetObject bytes=0-9 failed with SlowDown (SlowDown); expected an answer from S3 (retrying may help)',
    );
    await expect(store.head(ref)).rejects.toThrow(TransientError);
    await expect(store.put(ref, new Uint8Array(1))).rejects.toThrow(TransientError);
    await expect(store.list('b', 'p/')).rejects.toThrow(/^s3:\/\/b\/p\/: ListObjectsV2 failed with SlowDown/);
  });
});
