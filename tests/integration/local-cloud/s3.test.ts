import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import {
  type FixtureCloud,
  readJsonObjects,
  startFixtureCloud,
  useCloudEnvironment,
  waitFor,
} from './support/cloud';

interface S3Observation {
  functionName: string;
  kind: string;
  records: { eventName: string; bucket: string; key: string; size: number }[];
}

const BUCKET = 'lc-local-fixtures';
const UPLOADER = 'lc-events-local-onUpload';

jest.setTimeout(60000);

describe('local cloud: S3', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let s3: S3Client;

  beforeAll(async () => {
    fixture = await startFixtureCloud(['events']);
    restoreEnv = useCloudEnvironment(fixture.cloud);
    s3 = new S3Client({});
  });

  afterAll(async () => {
    s3?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  const notifications = async (): Promise<S3Observation[]> =>
    readJsonObjects<S3Observation>(s3, BUCKET, `observations/${UPLOADER}/`);

  it('stores and returns objects byte for byte through the unmodified SDK', async () => {
    const body = Buffer.alloc(5 * 1024 * 1024, 0);
    for (let i = 0; i < body.length; i += 4096) body.writeUInt32LE(i, i);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'data/blob.bin', Body: body }));
    const got = await s3.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'data/blob.bin', Range: 'bytes=4096-8191' }),
    );

    expect(Buffer.from(await (got.Body?.transformToByteArray() ?? new Uint8Array())).readUInt32LE(0)).toBe(
      4096,
    );
  });

  it('lists past 1000 keys with continuation tokens', async () => {
    const keys = Array.from({ length: 1005 }, (_, i) => `many/${String(i).padStart(4, '0')}`);
    for (let i = 0; i < keys.length; i += 50) {
      await Promise.all(
        keys.slice(i, i + 50).map((Key) => s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'x' }))),
      );
    }

    const first = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'many/' }));
    const second = await s3.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'many/',
        ContinuationToken: first.NextContinuationToken,
      }),
    );

    expect(first.Contents).toHaveLength(1000);
    expect(first.IsTruncated).toBe(true);
    expect(second.Contents?.map((object) => object.Key)).toEqual(keys.slice(1000));
  });

  it('notifies the subscribed function with the key encoded as S3 encodes it, honouring prefix and suffix', async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/a b(1)=x.csv', Body: 'a,b\n' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'incoming/skip.txt', Body: 'no' }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'elsewhere/skip.csv', Body: 'no' }));

    const seen = await waitFor('the S3 notification', async () => {
      await fixture.cloud.notificationsIdle();
      const found = await notifications();
      return found.length > 0 ? found : undefined;
    });

    expect(seen).toHaveLength(1);
    expect(seen[0]?.records).toEqual([
      { eventName: 'ObjectCreated:Put', bucket: BUCKET, key: 'incoming/a+b%281%29%3Dx.csv', size: 4 },
    ]);
  });

  it('reports a completed multipart upload as ObjectCreated:CompleteMultipartUpload', async () => {
    const Key = 'incoming/parts.csv';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key }));
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        PartNumber: 1,
        Body: Buffer.alloc(5 * 1024 * 1024, 1),
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key,
        UploadId,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
      }),
    );

    const seen = await waitFor('the multipart notification', async () => {
      await fixture.cloud.notificationsIdle();
      const found = (await notifications()).flatMap((observation) => observation.records);
      return found.find((record) => record.key === Key);
    });

    expect(seen.eventName).toBe('ObjectCreated:CompleteMultipartUpload');
    expect(seen.size).toBe(5 * 1024 * 1024);
  });

  it('honours PutObject If-None-Match and If-Match as S3 does (412 PreconditionFailed, 404 NoSuchKey)', async () => {
    const Key = 'conditional/acc.bin';
    const put = (Body: string, condition: { IfMatch?: string; IfNoneMatch?: string }) =>
      s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ...condition })).then(
        (out) => ({ ok: true as const, etag: out.ETag }),
        (error: { name: string; $metadata?: { httpStatusCode?: number } }) => ({
          ok: false as const,
          name: error.name,
          status: error.$metadata?.httpStatusCode,
        }),
      );

    const missingMatch = await put('x', { IfMatch: '"0123"' });
    const created = await put('first', { IfNoneMatch: '*' });
    const again = await put('second', { IfNoneMatch: '*' });
    const stale = await put('second', { IfMatch: '"00000000000000000000000000000000"' });
    const current = created.ok ? created.etag : undefined;
    const replaced = await put('second', { IfMatch: current });
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));

    expect(missingMatch).toEqual({ ok: false, name: 'NoSuchKey', status: 404 });
    expect(created.ok).toBe(true);
    expect(again).toEqual({ ok: false, name: 'PreconditionFailed', status: 412 });
    expect(stale).toEqual({ ok: false, name: 'PreconditionFailed', status: 412 });
    expect(replaced.ok).toBe(true);
    expect(await got.Body?.transformToString()).toBe('second');
  });

  it('lets exactly one of several concurrent conditional writers of one version win', async () => {
    const Key = 'conditional/race.bin';
    const base = await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'base' }));

    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: `writer-${i}`, IfMatch: base.ETag })),
      ),
    );

    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });

  it('never shows a reader an object whose data and metadata come from different writes', async () => {
    const Key = 'atomic/object.bin';
    const size = 2 * 1024 * 1024;
    const write = (i: number) =>
      s3.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key,
          Body: Buffer.alloc(size, i),
          Metadata: { writer: String(i) },
        }),
      );
    await write(0);
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 12; i += 1) await write(i);
      writing = false;
    })();
    const reader = async () => {
      const seen: boolean[] = [];
      while (writing) {
        const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
        const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? new Uint8Array());
        const writer = Number(got.Metadata?.writer);
        seen.push(bytes.length === size && bytes.every((b) => b === writer));
      }
      return seen;
    };

    const [seen] = await Promise.all([Promise.all([reader(), reader(), reader()]), writer]);

    expect(seen.flat().length).toBeGreaterThan(0);
    expect(seen.flat().every(Boolean)).toBe(true);
  });

  it('leaves an object as it was when a PutObject body is cut off, as S3 does', async () => {
    const size = 2 * 1024 * 1024;
    // A client killed mid-upload (a Lambda at its timeout): an eighth of the body, then nothing.
    const cutOff = async (Key: string) => {
      let sent = false;
      const body = new Readable({
        read() {
          if (!sent) this.push(Buffer.alloc(size / 8, 9));
          sent = true;
        },
      });
      const killed = new AbortController();
      setTimeout(() => killed.abort(), 200);
      const command = new PutObjectCommand({
        Bucket: BUCKET,
        Key,
        Body: body,
        ContentLength: size,
        Metadata: { writer: 'cut' },
      });
      await expect(s3.send(command, { abortSignal: killed.signal })).rejects.toThrow();
    };
    const put = (Key: string, writer: string) =>
      s3.send(
        new PutObjectCommand({ Bucket: BUCKET, Key, Body: Buffer.alloc(size, 1), Metadata: { writer } }),
      );
    const read = async (Key: string) => {
      const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? new Uint8Array());
      return { length: bytes.length, ones: bytes.every((b) => b === 1), writer: got.Metadata?.writer };
    };

    await cutOff('cut/new.bin');
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'cut/new.bin' }))).rejects.toMatchObject(
      {
        name: 'NoSuchKey',
      },
    );

    await put('cut/kept.bin', 'first');
    await cutOff('cut/kept.bin');
    expect(await read('cut/kept.bin')).toEqual({ length: size, ones: true, writer: 'first' });

    // The key is not left locked: the next write and read go through.
    await put('cut/new.bin', 'second');
    expect(await read('cut/new.bin')).toEqual({ length: size, ones: true, writer: 'second' });
  });

  it("keeps a PutObject's tags, and drops them when the object is replaced or deleted, as S3 does", async () => {
    const Key = 'tags/gradient.npy';
    const tags = async () => (await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key }))).TagSet;

    await s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key,
        Body: 'g',
        Tagging: 'seisless%3Aretention=scratch&b=x%20y',
      }),
    );
    expect(await tags()).toEqual([
      { Key: 'seisless:retention', Value: 'scratch' },
      { Key: 'b', Value: 'x y' },
    ]);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'g2' }));
    expect(await tags()).toEqual([]);

    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'g3', Tagging: 'a=1' }));
    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key }));
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: 'g4' }));
    expect(await tags()).toEqual([]);
  });

  it('keeps the stored objects when restarted on the same data folder', async () => {
    const dataDir = fixture.dataDir;
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'kept/marker.txt', Body: 'still here' }));
    await fixture.cloud.stop();

    const restarted = await startFixtureCloud(['events'], { dataDir });
    fixture = {
      ...restarted,
      close: () => restarted.close().then(() => rmSync(dataDir, { recursive: true, force: true })),
    };
    restoreEnv();
    restoreEnv = useCloudEnvironment(fixture.cloud);
    s3.destroy();
    s3 = new S3Client({});
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'kept/marker.txt' }));

    expect(await got.Body?.transformToString()).toBe('still here');
  });
});
