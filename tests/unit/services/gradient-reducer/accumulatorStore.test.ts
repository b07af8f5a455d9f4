import { encodeFloat32Npy, InputError, Manifest, TransientError } from '@seisless/core';
import {
  accumulatorRef,
  headAccumulator,
  readAccumulator,
  writeAccumulator,
} from '../../../../services/gradient-reducer/src/accumulatorStore';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import { TEST_BUCKET } from '../../../support/reductionMessages';

const ref = accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 2, chunk: 3 });
const next = { data: new Float32Array([1, 2, 3]), manifest: Manifest.empty(4).with(1), objective: 2.5 };

describe('accumulator store', () => {
  it('lives at the run key of its chunk', () => {
    expect(ref).toEqual({ bucket: TEST_BUCKET, key: 'runs/demo/iterations/2/accumulators/chunk-3.npy' });
  });

  it('reads nothing before the first write', async () => {
    await expect(readAccumulator(new InMemoryBlobStore(), ref)).resolves.toBeUndefined();
    await expect(headAccumulator(new InMemoryBlobStore(), ref)).resolves.toBeUndefined();
  });

  it('tags every accumulator it writes as scratch, for the lifecycle expiry', async () => {
    const store = new InMemoryBlobStore();
    await writeAccumulator(store, ref, next, undefined);
    const first = await readAccumulator(store, ref);
    await writeAccumulator(store, ref, next, first);

    const puts = store.calls.filter((c) => c.op === 'put');
    expect(puts.map((c) => c.options?.tagging)).toEqual([
      'seisless%3Aretention=scratch',
      'seisless%3Aretention=scratch',
    ]);
  });

  it('writes data and manifest in one PUT that creates the object only if absent', async () => {
    const store = new InMemoryBlobStore();

    await writeAccumulator(store, ref, next, undefined);

    const puts = store.calls.filter((c) => c.op === 'put');
    expect(puts).toHaveLength(1);
    expect(puts[0]?.options).toMatchObject({ ifNoneMatch: '*', metadata: { manifest: 'Ag==', count: '1' } });
    const read = await readAccumulator(store, ref);
    expect(Array.from(read?.data ?? [])).toEqual([1, 2, 3]);
    expect(read?.manifest.positions()).toEqual([1]);
    expect(read?.objective).toBe(2.5);
  });

  it('writes back only over the version it read (If-Match its ETag)', async () => {
    const store = new InMemoryBlobStore();
    await writeAccumulator(store, ref, next, undefined);
    const read = await readAccumulator(store, ref);
    if (read === undefined) throw new Error('arrange: accumulator missing');
    await writeAccumulator(store, ref, { ...next, manifest: next.manifest.with(2) }, read);

    const stale = writeAccumulator(store, ref, { ...next, manifest: next.manifest.with(3) }, read);

    await expect(stale).rejects.toThrow(TransientError);
    expect((await headAccumulator(store, ref))?.manifest.positions()).toEqual([1, 2]);
  });

  it('refuses a second creation', async () => {
    const store = new InMemoryBlobStore();
    await writeAccumulator(store, ref, next, undefined);

    await expect(writeAccumulator(store, ref, next, undefined)).rejects.toThrow(TransientError);
  });

  it('heads the summary and last-modified time without reading the data', async () => {
    const when = new Date('2025-01-02T03:04:05Z');
    const store = new InMemoryBlobStore(() => when);
    await writeAccumulator(store, ref, next, undefined);

    const head = await headAccumulator(store, ref);

    expect(head?.lastModified).toEqual(when);
    expect(head?.manifest.count).toBe(1);
    expect(store.calls.map((c) => c.op)).toEqual(['put', 'head']);
  });

  it("prefers the writer's millisecond clock to S3's whole-second last-modified time", async () => {
    const store = new InMemoryBlobStore(() => new Date('2025-01-02T03:04:05Z'));
    const writtenAt = Date.parse('2025-01-02T03:04:05.678Z');
    await writeAccumulator(store, ref, { ...next, writtenAt }, undefined);

    const head = await headAccumulator(store, ref);

    expect(head?.lastModified).toEqual(new Date(writtenAt));
    expect(head?.writtenAt).toBe(writtenAt);
  });

  it('rejects an object that is not a 1-D accumulator', async () => {
    const store = new InMemoryBlobStore();
    const metadata = { manifest: 'AA==', count: '0', objective: '0', 'batch-size': '4' };
    store.seed(ref, encodeFloat32Npy({ shape: [1, 3], data: new Float32Array(3) }), metadata);

    await expect(readAccumulator(store, ref)).rejects.toThrow(InputError);
    await expect(readAccumulator(store, ref)).rejects.toThrow(/expected one dimension/);
  });
});
