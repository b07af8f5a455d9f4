import { InputError, runKeys, validateRunSpec } from '@seisless/core';
import { readIterationGradient } from '../../../../services/gradient-reducer/src/iterationGradient';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { seedAccumulator, seedJson, seedNpy } from '../../../support/accumulatorObjects';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import { jobTimings } from '../../../support/jobTimings';
import { TEST_BUCKET } from '../../../support/reductionMessages';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');
const at = (key: string) => ({ bucket: TEST_BUCKET, key });
// 8 × 200 = 1600 elements: two chunks of 1024 and 576
const spec = validateRunSpec(
  lsrtmSpec({
    model: { preset: 'layered', shape: [8, 200], spacing: [10, 10] },
    reduction: { chunkSize: 1024 },
  }),
);
const ctx = { runId: 'r', iteration: 2, spec };

function arrange(shotChunks?: [number, number][]) {
  const store = new InMemoryBlobStore();
  const task = buildTaskFile(spec, { runId: 'r', iteration: 2, kind: 'gradient', shots: [5, 1, 3] });
  const reduction = { chunkSize: 1024, batchSize: 3, ...(shotChunks ? { shotChunks } : {}) };
  seedJson(store, at(keys.task(2, 'gradient')), { ...task, reduction });
  return { store, objects: { store, bucket: TEST_BUCKET } };
}

describe('readIterationGradient', () => {
  it('assembles the gradient of the batch and names its shots', async () => {
    const { store, objects } = arrange();
    const all = { positions: [0, 1, 2], batchSize: 3, objective: 6 };
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), all);
    seedAccumulator(store, at(keys.accumulator(2, 1)), new Array(576).fill(3), { ...all, objective: 0 });

    const out = await readIterationGradient(objects, ctx);

    expect(out.gradient).toHaveLength(1600);
    expect(out.gradient[1599]).toBe(3);
    expect(out).toMatchObject({
      batchShots: [5, 1, 3],
      usedShots: [5, 1, 3],
      droppedShots: [],
      rescale: 1,
      objective: 6,
    });
  });

  it('subtracts a partial shot using its gradient object and its timings objective', async () => {
    const { store, objects } = arrange();
    // position 1 (shot 1) is in chunk 0 only; position 2 (shot 3) failed.
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), {
      positions: [0, 1],
      batchSize: 3,
      objective: 7,
    });
    seedNpy(store, at(keys.gradient(2, 1)), [8, 200], new Float32Array(1600).fill(2));
    seedJson(
      store,
      at(`${keys.timingsPrefix(2)}gradient-shot-1.json`),
      jobTimings({ shot: 1, objective: 4 }),
    );
    seedAccumulator(store, at(keys.accumulator(2, 1)), new Array(576).fill(1), {
      positions: [0],
      batchSize: 3,
      objective: 0, // objectives are summed in each shot's first chunk
    });

    const out = await readIterationGradient(objects, ctx);

    expect(out.usedShots).toEqual([5]);
    expect(out.droppedShots).toEqual([1]);
    expect(out.rescale).toBe(3);
    expect(out.gradient[0]).toBe(3 * (3 - 2));
    expect(out.gradient[1599]).toBe(3 * 1);
    expect(out.objective).toBe(3 * 3);
  });

  it("with apertures, reads the chunks the shots' windows touch and leaves the others zero", async () => {
    // shots 5 and 1 touch chunk 0 only; shot 3 touches chunk 0 too: chunk 1 has no shot
    const { store, objects } = arrange([
      [0, 1],
      [0, 1],
      [0, 1],
    ]);
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), {
      positions: [0, 1, 2],
      batchSize: 3,
      objective: 6,
    });

    const out = await readIterationGradient(objects, ctx);

    expect(out).toMatchObject({ usedShots: [5, 1, 3], rescale: 1, objective: 6 });
    expect(out.gradient[1023]).toBe(3);
    expect(out.gradient[1024]).toBe(0);
    expect(out.gradient[1599]).toBe(0);
  });

  it('names missing accumulators', async () => {
    const { store, objects } = arrange();
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), {
      positions: [0],
      batchSize: 3,
      objective: 1,
    });

    await expect(readIterationGradient(objects, ctx)).rejects.toThrow(
      'accumulators missing: runs/r/iterations/2/accumulators/chunk-1.npy; expected all 2 chunks',
    );
  });

  it("refuses an accumulator that is not its chunk's length (the format's checks)", async () => {
    const { store, objects } = arrange();
    const all = { positions: [0, 1, 2], batchSize: 3, objective: 6 };
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), all);
    seedAccumulator(store, at(keys.accumulator(2, 1)), new Array(575).fill(3), all);

    await expect(readIterationGradient(objects, ctx)).rejects.toThrow(InputError);
    await expect(readIterationGradient(objects, ctx)).rejects.toThrow(
      /chunk-1\.npy: 575 elements; expected 576/,
    );
  });

  it('needs the gradient task file for the batch shots', async () => {
    const objects = { store: new InMemoryBlobStore(), bucket: TEST_BUCKET };

    await expect(readIterationGradient(objects, ctx)).rejects.toThrow(
      `s3://${TEST_BUCKET}/runs/r/iterations/2/tasks/gradient.json: no such object; expected an existing object`,
    );
  });

  it("refuses a shot's timings without the objective a gradient job writes (job-timings contract)", async () => {
    // Arrange: shot 1 is in chunk 0 only and shot 3 in chunk 1 only, so no chunk holds the objective
    // of shot 5 alone: chunk 0's minus shot 1's
    const { store, objects } = arrange();
    seedAccumulator(store, at(keys.accumulator(2, 0)), new Array(1024).fill(3), {
      positions: [0, 1],
      batchSize: 3,
      objective: 7,
    });
    seedAccumulator(store, at(keys.accumulator(2, 1)), new Array(576).fill(1), {
      positions: [0, 2],
      batchSize: 3,
      objective: 5,
    });
    seedNpy(store, at(keys.gradient(2, 1)), [8, 200], new Float32Array(1600).fill(2));
    seedNpy(store, at(keys.gradient(2, 3)), [8, 200], new Float32Array(1600).fill(2));
    const timingsKey = `${keys.timingsPrefix(2)}gradient-shot-1.json`;
    seedJson(store, at(timingsKey), jobTimings({ shot: 1 }));

    // Act
    const assembled = readIterationGradient(objects, ctx);

    // Assert
    await expect(assembled).rejects.toThrow(
      `${timingsKey}: no objective; expected the shot's objective value, as a gradient job writes it`,
    );
  });

  it('refuses a task file that is not one (task-file contract)', async () => {
    const objects = { store: new InMemoryBlobStore(), bucket: TEST_BUCKET };
    seedJson(objects.store, at(keys.task(2, 'gradient')), { shots: [5, 1, 3] });

    await expect(readIterationGradient(objects, ctx)).rejects.toThrow(
      /tasks\/gradient\.json: version: missing; expected 1; runId: missing/,
    );
  });
});
