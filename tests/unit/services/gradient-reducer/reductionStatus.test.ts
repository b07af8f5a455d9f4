import {
  InputError,
  Manifest,
  parseInput,
  reductionStatusSchema,
  runKeys,
  ValidationError,
} from '@seisless/core';
import { accumulatorRef, writeAccumulator } from '../../../../services/gradient-reducer/src/accumulatorStore';
import {
  reductionStatus,
  statusQuerySchema,
} from '../../../../services/gradient-reducer/src/reductionStatus';
import { seedGradientTask } from '../../../support/accumulatorObjects';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import { TEST_BUCKET } from '../../../support/reductionMessages';

const shots = [4, 9, 17];
const query = { runId: 'demo', iteration: 2, shots, chunkCount: 2 };

/**
 * Accumulators holding `perChunk[c]`'s positions (objective: the shot id, summed in the shot's
 * first chunk), and the gradient task file, with `coverage` as its `shotChunks`.
 */
async function arrange(perChunk: number[][], times: string[] = [], coverage?: [number, number][]) {
  let t = 0;
  const store = new InMemoryBlobStore(() => new Date(times[t++] ?? '2025-01-01T00:00:00Z'));
  seedGradientTask(store, { bucket: TEST_BUCKET, runId: 'demo', iteration: 2 }, shots, coverage);
  for (const [chunk, positions] of perChunk.entries()) {
    const manifest = positions.reduce((m, j) => m.with(j), Manifest.empty(shots.length));
    const home = positions.filter((j) => (coverage?.[j]?.[0] ?? 0) === chunk);
    const objective = home.reduce((sum, j) => sum + (shots[j] ?? 0), 0);
    const ref = accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 2, chunk });
    await writeAccumulator(store, ref, { data: new Float32Array(4), manifest, objective }, undefined);
  }
  return { store, deps: { store, bucket: TEST_BUCKET } };
}

const deadLetter = (store: InMemoryBlobStore, shot: number, chunk: number) =>
  store.seed({ bucket: TEST_BUCKET, key: runKeys('demo').deadLetter(2, shot, chunk) }, Buffer.from('{}'));

describe('reductionStatus', () => {
  it('is complete when every shot is in every chunk', async () => {
    const times = ['2025-01-01T00:00:01Z', '2025-01-01T00:00:03Z'];
    const { deps } = await arrange(
      [
        [0, 1, 2],
        [0, 1, 2],
      ],
      times,
    );

    const status = await reductionStatus(query, { ...deps, now: () => 1234 });

    expect(reductionStatusSchema.strict().parse(status)).toEqual(status);
    expect(status).toEqual({
      complete: true,
      chunkCount: 2,
      chunksComplete: 2,
      shotsInAllChunks: [4, 9, 17],
      missingShots: [],
      deadLetterShots: [],
      objective: 30,
      lastUpdateAt: Date.parse('2025-01-01T00:00:03Z'),
      checkedAt: 1234,
      updateMs: null,
    });
  });

  it("reports the writers' millisecond clocks and the median update duration when recorded", async () => {
    const store = new InMemoryBlobStore(() => new Date('2025-01-01T00:00:09Z'));
    seedGradientTask(store, { bucket: TEST_BUCKET, runId: 'demo', iteration: 2 }, shots);
    const full = [0, 1, 2].reduce((m, j) => m.with(j), Manifest.empty(shots.length));
    for (const [chunk, writtenAt, updateMs] of [
      [0, 1_735_689_601_250, 40],
      [1, 1_735_689_601_730, 70],
    ]) {
      const ref = accumulatorRef(TEST_BUCKET, { runId: 'demo', iteration: 2, chunk: chunk ?? 0 });
      const next = { data: new Float32Array(4), manifest: full, objective: 1, writtenAt, updateMs };
      await writeAccumulator(store, ref, next, undefined);
    }

    const status = await reductionStatus(query, { store, bucket: TEST_BUCKET });

    expect(status.lastUpdateAt).toBe(1_735_689_601_730);
    expect(status.updateMs).toBe(55);
  });

  it('lists the shots missing from some chunk, and those that will not arrive', async () => {
    const { store, deps } = await arrange([
      [0, 2],
      [0, 1],
    ]);
    deadLetter(store, 9, 0);
    deadLetter(store, 4, 1); // stale: shot 4 made it into chunk 1 after all
    deadLetter(store, 99, 0); // not in this batch

    const status = await reductionStatus(query, deps);

    expect(status).toMatchObject({
      complete: false,
      chunksComplete: 0,
      shotsInAllChunks: [4],
      missingShots: [9, 17],
      deadLetterShots: [9],
      objective: 21,
    });
  });

  it('reports nothing summed before the first accumulator exists', async () => {
    const { deps } = await arrange([]);

    const status = await reductionStatus(query, deps);

    expect(status).toMatchObject({
      complete: false,
      chunksComplete: 0,
      shotsInAllChunks: [],
      objective: null,
    });
    expect(status.missingShots).toEqual(shots);
    expect(status.lastUpdateAt).toBeNull();
  });

  it('with apertures, waits only for the shots whose windows touch each chunk; a chunk none touches is complete', async () => {
    // shots 4 and 9 touch chunk 0, shot 17 chunk 2; no shot touches chunk 1
    const coverage: [number, number][] = [
      [0, 1],
      [0, 1],
      [2, 3],
    ];
    const apertureQuery = { ...query, chunkCount: 3 };
    const partial = await arrange([[0, 1]], [], coverage);
    const complete = await arrange([[0, 1], [], [2]], [], coverage);

    const before = await reductionStatus(apertureQuery, partial.deps);
    const after = await reductionStatus(apertureQuery, complete.deps);

    expect(before).toMatchObject({
      complete: false,
      chunksComplete: 2,
      shotsInAllChunks: [4, 9],
      missingShots: [17],
      objective: 13,
    });
    expect(after).toMatchObject({
      complete: true,
      chunksComplete: 3,
      shotsInAllChunks: shots,
      objective: 30,
    });
  });

  it('fails naming the task file when it is missing', async () => {
    const store = new InMemoryBlobStore();

    await expect(reductionStatus(query, { store, bucket: TEST_BUCKET })).rejects.toThrow(
      /runs\/demo\/iterations\/2\/tasks\/gradient\.json/,
    );
  });

  it('counts a chunk complete independently of the others', async () => {
    const { deps } = await arrange([[0, 1, 2], [1]]);

    await expect(reductionStatus(query, deps)).resolves.toMatchObject({ chunksComplete: 1, complete: false });
  });

  it.each([
    [{ ...query, chunkCount: 0 }, 'chunkCount: 0; expected a number > 0'],
    [{ ...query, shots: [4, 4] }, 'shots: [4,4]; expected distinct shot ids'],
    [{ ...query, extra: 1 }, 'extra: unknown field'],
    [{ runId: 'demo' }, 'iteration: missing; expected a number'],
  ])('its schema rejects the query %j, naming the field', (bad, line) => {
    const parse = () => parseInput(statusQuerySchema, bad, 'status input');

    expect(parse).toThrow(ValidationError);
    expect(parse).toThrow(line);
  });

  it('fails naming the accumulator when its batch is not the query’s', async () => {
    const { store, deps } = await arrange([[0]]); // accumulators of a batch of 3
    seedGradientTask(store, { bucket: TEST_BUCKET, runId: 'demo', iteration: 2 }, [4, 9]);

    const status = reductionStatus({ ...query, shots: [4, 9] }, deps);

    await expect(status).rejects.toThrow(InputError);
    await expect(status).rejects.toThrow(/accumulators\/chunk-0.*batch size 3/);
  });

  it.each([
    [[4, 9], 'another batch size'],
    [[4, 17, 9], 'the same shots in another order'],
    [[4, 9, 18], 'another shot'],
  ])('fails naming the task file when its shots are not the query’s (%j: %s)', async (asked) => {
    const { deps } = await arrange([
      [0, 1, 2],
      [0, 1, 2],
    ]);

    const status = reductionStatus({ ...query, shots: asked }, deps);

    await expect(status).rejects.toThrow(InputError);
    await expect(status).rejects.toThrow(
      `runs/demo/iterations/2/tasks/gradient.json: shots: [4,9,17]; expected ${JSON.stringify(asked)}, the batch the query names, in its order`,
    );
  });
});
