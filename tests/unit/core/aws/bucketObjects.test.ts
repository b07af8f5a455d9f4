import { bucketObjects, InputError } from '@seisless/core';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';

const BUCKET = 'b';

describe('bucketObjects', () => {
  it('writes indented JSON and .npy objects through the blob store, and reads them back', async () => {
    // Arrange
    const blobs = new InMemoryBlobStore();
    const objects = bucketObjects(blobs, BUCKET);

    // Act
    await objects.putJson('a.json', { k: 1 });
    await objects.putNpy('a.npy', { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) });

    // Assert
    expect(Buffer.from(blobs.bytes({ bucket: BUCKET, key: 'a.json' }) ?? []).toString()).toBe(
      '{\n  "k": 1\n}',
    );
    expect(await objects.getJson('a.json')).toEqual({ k: 1 });
    expect(Array.from((await objects.getNpy('a.npy')).data)).toEqual([1, 2, 3, 4]);
    expect(await objects.exists('a.npy')).toBe(true);
  });

  it('reads a missing object as undefined, or as an InputError where it must exist', async () => {
    const objects = bucketObjects(new InMemoryBlobStore(), BUCKET);

    expect(await objects.getJsonOrUndefined('none.json')).toBeUndefined();
    await expect(objects.getJson('none.json')).rejects.toThrow(
      new InputError('s3://b/none.json', 'no such object', 'an existing object'),
    );
  });

  it('names the object that is not JSON', async () => {
    const blobs = new InMemoryBlobStore();
    blobs.seed({ bucket: BUCKET, key: 'bad.json' }, Buffer.from('{not json'));

    await expect(bucketObjects(blobs, BUCKET).getJsonOrUndefined('bad.json')).rejects.toThrow(
      's3://b/bad.json: not valid JSON; expected a JSON document',
    );
  });
});
