import { runKeys } from '@seisless/core';
import { accumulatorRef, readAccumulator } from '../../../../services/gradient-reducer/src/accumulatorStore';
import { addInto } from '../../../../services/gradient-reducer/src/float32Arrays';
import { type ReduceDeps, reduceGroup } from '../../../../services/gradient-reducer/src/reduceGroup';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import {
  gradientChunk,
  reductionMessage,
  type ShotGradient,
  seedGradient,
  shotGradient,
  sqsRecord,
  TEST_BUCKET,
} from '../../../support/reductionMessages';

const shots = [4, 9, 17].map((shot, batchIndex) =>
  shotGradient({ shot, batchIndex, batchSize: 3, objective: shot / 2 }),
);
const [g4, g9, g17] = shots as [ShotGradient, ShotGradient, ShotGradient];
const CHUNK = 1;
const accRef = accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 1, chunk: CHUNK });

function setup() {
  const store = new InMemoryBlobStore();
  for (const g of shots) seedGradient(store, g);
  const deps: ReduceDeps = { store, bucket: TEST_BUCKET, now: () => new Date('2025-01-01T00:00:00Z') };
  return { store, deps };
}

const recordOf = (g: ShotGradient, id: string) => sqsRecord(reductionMessage(g, CHUNK), { messageId: id });

function sumOf(...gs: ShotGradient[]): number[] {
  const out = new Float32Array(gradientChunk(g4, CHUNK).length);
  for (const g of gs) addInto(out, gradientChunk(g, CHUNK));
  return Array.from(out);
}

describe('reduceGroup', () => {
  it('adds every new shot, reading the accumulator once and writing it once', async () => {
    const { store, deps } = setup();

    const outcomes = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b'), recordOf(g17, 'c')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'added', 'added']);
    const accCalls = store.calls.filter((c) => c.key === accRef.key).map((c) => c.op);
    expect(accCalls).toEqual(['get', 'put']);
    const acc = await readAccumulator(store, accRef);
    expect(Array.from(acc?.data ?? [])).toEqual(sumOf(g4, g9, g17));
    expect(acc?.manifest.positions()).toEqual([0, 1, 2]);
    expect(acc?.objective).toBe(0); // each shot's objective is summed in its first chunk (0) only
    expect(acc?.writtenAt).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(acc?.updateMs).toBe(0);
  });

  it('skips shots already in the manifest and duplicates within the batch', async () => {
    const { store, deps } = setup();
    await reduceGroup([recordOf(g4, 'a')], deps);

    const outcomes = await reduceGroup([recordOf(g4, 'a2'), recordOf(g9, 'b'), recordOf(g9, 'b2')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['skipped', 'added', 'skipped']);
    const acc = await readAccumulator(store, accRef);
    expect(Array.from(acc?.data ?? [])).toEqual(sumOf(g4, g9));
    expect(acc?.objective).toBe(0);
  });

  it("sums each shot's objective in the first chunk it sends, once", async () => {
    const { store, deps } = setup();
    const first = (g: ShotGradient, id: string) => sqsRecord(reductionMessage(g, 0), { messageId: id });

    await reduceGroup([first(g4, 'a'), first(g9, 'b'), first(g9, 'b2')], deps);
    const atOne = (g: ShotGradient, id: string) =>
      sqsRecord(reductionMessage(g, 1, { shotChunks: [1, 2], chunkShots: 1 }), { messageId: id });
    await reduceGroup([atOne(g17, 'c')], deps);

    const chunk0 = await readAccumulator(
      store,
      accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 1, chunk: 0 }),
    );
    expect(chunk0?.objective).toBe(6.5);
    expect((await readAccumulator(store, accRef))?.objective).toBe(8.5);
  });

  it('does not write when every message was already summed', async () => {
    const { store, deps } = setup();
    await reduceGroup([recordOf(g4, 'a')], deps);
    const puts = () => store.calls.filter((c) => c.op === 'put').length;
    const before = puts();

    await reduceGroup([recordOf(g4, 'a-again')], deps);

    expect(puts()).toBe(before);
  });

  it('records a malformed message as a dead letter, acknowledges it, and goes on', async () => {
    const { store, deps } = setup();
    const junk = sqsRecord('{"version":1,"runId":"demo","iteration":1,"shot":9,"chunk":1}', {
      messageId: 'junk',
      groupId: 'demo/1/chunk-1',
    });

    const outcomes = await reduceGroup([recordOf(g4, 'a'), junk, recordOf(g17, 'c')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'rejected', 'added']);
    const key = runKeys('demo').deadLetter(1, 9, 1);
    const record = JSON.parse(Buffer.from(store.bytes({ bucket: TEST_BUCKET, key }) ?? []).toString());
    expect(record).toMatchObject({
      reason: 'malformed',
      malformed: true,
      messageId: 'junk',
      recordedBy: 'reduce',
    });
    expect(Array.from((await readAccumulator(store, accRef))?.data ?? [])).toEqual(sumOf(g4, g17));
  });

  it('rejects, not sums, a gradient that does not match its message', async () => {
    const { store, deps } = setup();
    seedGradient(store, { ...g9, shape: [5, 4] });

    const outcomes = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'rejected']);
    expect(outcomes[1]).toMatchObject({ reason: 'rejected' });
    expect((await readAccumulator(store, accRef))?.manifest.positions()).toEqual([0]);
    expect(store.bytes({ bucket: TEST_BUCKET, key: runKeys('demo').deadLetter(1, 9, CHUNK) })).toBeDefined();
  });

  it('rejects a message whose batch size disagrees with the accumulator', async () => {
    const { deps } = setup();
    await reduceGroup([recordOf(g4, 'a')], deps);
    const other = shotGradient({ shot: 9, batchIndex: 1, batchSize: 5 });
    seedGradient(deps.store as InMemoryBlobStore, other);

    const outcomes = await reduceGroup([recordOf(other, 'b')], deps);

    expect(outcomes[0]).toMatchObject({ kind: 'rejected', reason: 'rejected' });
    expect(String((outcomes[0] as { error: unknown }).error)).toMatch(
      /batchSize 5; the accumulator holds a batch of 3/,
    );
  });

  it('fails a message whose chunk cannot be read, and every later one, but commits the earlier ones', async () => {
    const { store, deps } = setup();
    store.faults = (call) => call.op === 'get' && call.key === runKeys('demo').gradient(1, 9);

    const outcomes = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b'), recordOf(g17, 'c')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'failed', 'failed']);
    expect(Array.from((await readAccumulator(store, accRef))?.data ?? [])).toEqual(sumOf(g4));
  });

  it('fails every added message when the PUT fails, and changes nothing', async () => {
    const { store, deps } = setup();
    await reduceGroup([recordOf(g4, 'a')], deps);
    store.faults = (call, phase) => call.op === 'put' && phase === 'before';

    const outcomes = await reduceGroup([recordOf(g4, 'a2'), recordOf(g9, 'b'), recordOf(g17, 'c')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['skipped', 'failed', 'failed']);
    store.faults = () => false;
    expect((await readAccumulator(store, accRef))?.manifest.positions()).toEqual([0]);
  });

  it('turns the redelivery after a crash past the PUT into a no-op', async () => {
    const { store, deps } = setup();
    store.faults = (call, phase) => call.op === 'put' && phase === 'after';
    const first = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], deps);
    store.faults = () => false;

    const again = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], deps);

    expect(first.map((o) => o.kind)).toEqual(['failed', 'failed']);
    expect(again.map((o) => o.kind)).toEqual(['skipped', 'skipped']);
    expect(Array.from((await readAccumulator(store, accRef))?.data ?? [])).toEqual(sumOf(g4, g9));
  });

  it('fails the valid messages when the accumulator cannot be read, still recording a malformed one', async () => {
    const { store, deps } = setup();
    store.faults = (call) => call.op === 'get' && call.key === accRef.key;
    const junk = sqsRecord('junk', {
      messageId: 'junk',
      groupId: 'demo/1/chunk-1',
      deduplicationId: 'demo/1/4/1',
    });

    const outcomes = await reduceGroup([junk, recordOf(g4, 'a'), recordOf(g9, 'b')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['rejected', 'failed', 'failed']);
  });

  it('fails from a rejected message on when its dead-letter record cannot be written', async () => {
    const { store, deps } = setup();
    store.faults = (call) => call.op === 'put' && call.key.includes('dead-letters');
    const junk = sqsRecord('junk', {
      messageId: 'junk',
      groupId: 'demo/1/chunk-1',
      deduplicationId: 'demo/1/9/1',
    });

    const outcomes = await reduceGroup([recordOf(g4, 'a'), junk, recordOf(g17, 'c')], deps);

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'failed', 'failed']);
    expect((await readAccumulator(store, accRef))?.manifest.positions()).toEqual([0]);
  });

  it('loses nothing when two invocations race on one accumulator (the conditional PUT refuses the stale one)', async () => {
    const { store, deps } = setup();

    const [left, right] = await Promise.all([
      reduceGroup([recordOf(g4, 'a')], deps),
      reduceGroup([recordOf(g9, 'b')], deps),
    ]);
    const failed = [...left, ...right].filter((o) => o.kind === 'failed');
    const retried = await reduceGroup(
      [g4, g9].filter((_, i) => [left, right][i]?.[0]?.kind === 'failed').map((g) => recordOf(g, 'retry')),
      deps,
    );

    expect(failed).toHaveLength(1);
    expect(retried.map((o) => o.kind)).toEqual(['added']);
    expect(Array.from((await readAccumulator(store, accRef))?.data ?? [])).toEqual(sumOf(g4, g9));
  });

  it('merges the records read before the read deadline and fails the later ones, to retry at once', async () => {
    const { store, deps } = setup();
    const slowKey = runKeys('demo').gradient(1, g9.shot);
    const fastGet = store.get.bind(store);
    store.get = async (ref, range) => {
      if (ref.key === slowKey) await new Promise((resolve) => setTimeout(resolve, 300));
      return fastGet(ref, range);
    };
    const records = [recordOf(g4, 'a'), recordOf(g9, 'b'), recordOf(g17, 'c')];

    const outcomes = await reduceGroup(records, { ...deps, readsBy: Date.now() + 50 });

    expect(outcomes.map((o) => o.kind)).toEqual(['added', 'failed', 'failed']);
    const failed = outcomes[1];
    expect(failed?.kind === 'failed' && (failed.error as Error).name).toBe('TransientError');
    expect(failed?.kind === 'failed' && (failed.error as Error).message).toMatch(/message b: not read by/);
    const acc = await readAccumulator(store, accRef);
    expect(Array.from(acc?.data ?? [])).toEqual(sumOf(g4));
  });
});

describe('reduceGroup, past the write deadline', () => {
  /** A store whose accumulator PUTs wait until `release()`, then land (or fail on their condition). */
  function heldPuts() {
    const { store, deps } = setup();
    const put = store.put.bind(store);
    const held: (() => void)[] = [];
    const landed: Promise<unknown>[] = [];
    let holding = true;
    store.put = (ref, body, options) => {
      if (!holding || ref.key !== accRef.key) return put(ref, body, options);
      const gate = new Promise<void>((resolve) => held.push(resolve));
      const late = gate.then(() => put(ref, body, options));
      landed.push(late.catch((error: unknown) => error));
      return late;
    };
    const release = async () => {
      holding = false;
      for (const resolve of held) resolve();
      return Promise.all(landed);
    };
    return { store, deps, release };
  }

  it('fails the records of a PUT still going at the deadline, to retry at once', async () => {
    const { store, deps, release } = heldPuts();

    const outcomes = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], {
      ...deps,
      writesBy: Date.now() + 50,
    });

    expect(outcomes.map((o) => o.kind)).toEqual(['failed', 'failed']);
    const failed = outcomes[0];
    expect(failed?.kind === 'failed' && (failed.error as Error).name).toBe('TransientError');
    expect(failed?.kind === 'failed' && (failed.error as Error).message).toMatch(
      /accumulators\/chunk-1\.npy: not written by the invocation's write deadline/,
    );
    await release();
    expect((await readAccumulator(store, accRef))?.manifest.positions()).toEqual([0, 1]);
  });

  it('waits for an unconditional PUT (a store that gave no ETag) rather than give it up', async () => {
    const { store, deps } = setup();
    await reduceGroup([recordOf(g4, 'a')], deps);
    const get = store.get.bind(store);
    store.get = async (ref, range) => {
      const blob = await get(ref, range);
      return blob && ref.key === accRef.key ? { ...blob, etag: undefined } : blob;
    };
    const put = store.put.bind(store);
    store.put = async (ref, body, options) => {
      if (ref.key === accRef.key) await new Promise((resolve) => setTimeout(resolve, 60));
      return put(ref, body, options);
    };

    const outcomes = await reduceGroup([recordOf(g9, 'b')], { ...deps, writesBy: Date.now() + 20 });

    expect(outcomes.map((o) => o.kind)).toEqual(['added']);
    expect(Array.from((await readAccumulator(store, accRef))?.data ?? [])).toEqual(sumOf(g4, g9));
  });

  it('sums each shot once whether the late PUT lands before the retry reads or after', async () => {
    // Before: the retry finds the shots in the manifest.
    const before = heldPuts();
    await reduceGroup([recordOf(g4, 'a')], { ...before.deps, writesBy: Date.now() + 20 });
    await before.release();
    const skipped = await reduceGroup([recordOf(g4, 'a')], before.deps);
    expect(skipped.map((o) => o.kind)).toEqual(['skipped']);
    expect(Array.from((await readAccumulator(before.store, accRef))?.data ?? [])).toEqual(sumOf(g4));

    // After: the retry writes first (conditionally), the late PUT then fails on its condition.
    const after = heldPuts();
    await reduceGroup([recordOf(g4, 'a')], { ...after.deps, writesBy: Date.now() + 20 });
    after.store.put = InMemoryBlobStore.prototype.put.bind(after.store); // the retry's PUT is not held
    const retried = await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], after.deps);
    const [late] = await after.release();
    expect(retried.map((o) => o.kind)).toEqual(['added', 'added']);
    expect((late as Error).message).toMatch(/PreconditionFailed \(412\)/);
    const acc = await readAccumulator(after.store, accRef);
    expect(acc?.manifest.positions()).toEqual([0, 1]);
    expect(Array.from(acc?.data ?? [])).toEqual(sumOf(g4, g9));
  });
});

describe('reduceGroup, once the chunk holds the whole batch', () => {
  it('signals the chunk when the group completes it, and again on a redelivery already summed', async () => {
    // Arrange
    const { deps } = setup();
    const signalled: unknown[] = [];
    const withSignal: ReduceDeps = { ...deps, onChunkComplete: async (chunk) => signalled.push(chunk) };

    // Act: two shots (not complete), the third (complete), the third again (a redelivery)
    await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], withSignal);
    const completing = await reduceGroup([recordOf(g17, 'c')], withSignal);
    const redelivered = await reduceGroup([recordOf(g17, 'c')], withSignal);

    // Assert
    expect([completing, redelivered].map((o) => o.map((r) => r.kind))).toEqual([['added'], ['skipped']]);
    const chunkCount = reductionMessage(g4, CHUNK).chunkCount;
    const chunk = {
      runId: 'demo',
      iteration: 1,
      chunk: CHUNK,
      chunkCount,
      chunkShots: 3,
      chunksWithShots: chunkCount,
    };
    expect(signalled).toEqual([chunk, chunk]);
  });

  it('with apertures, signals the chunk once the shots whose windows touch it are in', async () => {
    // Arrange: shots 4 and 9 touch chunks 0–1 (shot 17 only chunk 2)
    const { deps } = setup();
    const signalled: unknown[] = [];
    const withSignal: ReduceDeps = { ...deps, onChunkComplete: async (chunk) => signalled.push(chunk) };
    const covered = (g: ShotGradient, id: string) =>
      sqsRecord(reductionMessage(g, CHUNK, { shotChunks: [0, 2], chunkShots: 2, chunksWithShots: 3 }), {
        messageId: id,
      });

    // Act
    await reduceGroup([covered(g4, 'a')], withSignal);
    const completing = await reduceGroup([covered(g9, 'b')], withSignal);

    // Assert
    expect(completing.map((o) => o.kind)).toEqual(['added']);
    expect(signalled).toEqual([expect.objectContaining({ chunk: CHUNK, chunkShots: 2, chunksWithShots: 3 })]);
  });

  it('fails the records when the signal fails, so that their redelivery signals again; the sum stands', async () => {
    const { store, deps } = setup();
    await reduceGroup([recordOf(g4, 'a'), recordOf(g9, 'b')], deps);
    const failing: ReduceDeps = {
      ...deps,
      onChunkComplete: async () => {
        throw new Error('SendTaskSuccess throttled');
      },
    };

    const outcomes = await reduceGroup([recordOf(g17, 'c')], failing);

    expect(outcomes.map((o) => o.kind)).toEqual(['failed']);
    const acc = await readAccumulator(store, accRef);
    expect(Array.from(acc?.data ?? [])).toEqual(sumOf(g4, g9, g17));
    expect(acc?.manifest.complete).toBe(true);
  });
});
