import {
  assembledGradientSchema,
  decodeFloat32Npy,
  InputError,
  parseContract,
  runKeys,
  validateRunSpec,
} from '@seisless/core';
import { assembleIteration } from '../../../../services/gradient-reducer/src/assemble';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { seedAccumulator, seedJson } from '../../../support/accumulatorObjects';
import { InMemoryBlobStore } from '../../../support/inMemoryBlobStore';
import { TEST_BUCKET } from '../../../support/reductionMessages';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');
const at = (key: string) => ({ bucket: TEST_BUCKET, key });
const spec = validateRunSpec(
  lsrtmSpec({
    model: { preset: 'layered', shape: [8, 200], spacing: [10, 10] },
    algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'exact' } },
    reduction: { chunkSize: 1024 },
  }),
);

/** Iteration 1 of run `r`: shots [4, 2], two chunks (1024 + 576 elements) holding both shots. */
function arrange(chunk1 = new Array(576).fill(-1.5)) {
  const store = new InMemoryBlobStore();
  seedJson(store, at(keys.spec), spec);
  seedJson(
    store,
    at(keys.task(1, 'gradient')),
    buildTaskFile(spec, { runId: 'r', iteration: 1, kind: 'gradient', shots: [4, 2] }),
  );
  const both = { positions: [0, 1], batchSize: 2, objective: 11 };
  seedAccumulator(store, at(keys.accumulator(1, 0)), new Array(1024).fill(0.25), both);
  // Each shot's objective is summed in its first chunk only.
  seedAccumulator(store, at(keys.accumulator(1, 1)), chunk1, { ...both, objective: 0 });
  return { store, objects: { store, bucket: TEST_BUCKET } };
}

function storedGradient(store: InMemoryBlobStore): number[] {
  const bytes = store.bytes(at(keys.fullGradient(1)));
  if (bytes === undefined) throw new Error('no gradient.npy');
  const array = decodeFloat32Npy(bytes, 'gradient.npy');
  expect(array.shape).toEqual([8, 200]);
  return Array.from(array.data);
}

function storedSummary(store: InMemoryBlobStore) {
  const bytes = store.bytes(at(keys.gradientSummary(1)));
  return parseContract(
    assembledGradientSchema,
    JSON.parse(Buffer.from(bytes ?? []).toString('utf8')),
    'gradient.json',
  );
}

describe('assembleIteration', () => {
  it('writes the grid-shaped gradient, then its summary, and answers what the state machine keeps', async () => {
    const { store, objects } = arrange();

    const result = await assembleIteration({ runId: 'r', iteration: 1 }, objects);

    expect(storedGradient(store)).toEqual([...new Array(1024).fill(0.25), ...new Array(576).fill(-1.5)]);
    expect(storedSummary(store)).toEqual({
      version: 1,
      runId: 'r',
      iteration: 1,
      batchShots: [4, 2],
      usedShots: [4, 2],
      droppedShots: [],
      batchSize: 2,
      rescale: 1,
      objective: 11,
    });
    const puts = store.calls.filter((call) => call.op === 'put').map((call) => call.key);
    expect(puts).toEqual([keys.fullGradient(1), keys.gradientSummary(1)]);
    expect(result).toEqual({
      gradientKey: keys.fullGradient(1),
      summaryKey: keys.gradientSummary(1),
      batchSize: 2,
      usedShotCount: 2,
      droppedShots: [],
      rescale: 1,
    });
  });

  it('assembles an iteration once: a later call returns the stored summary and rewrites nothing', async () => {
    const { store, objects } = arrange();
    const first = await assembleIteration({ runId: 'r', iteration: 1 }, objects);
    seedAccumulator(store, at(keys.accumulator(1, 1)), new Array(576).fill(9), {
      positions: [0, 1],
      batchSize: 2,
      objective: 99,
    });
    const putsBefore = store.calls.filter((call) => call.op === 'put').length;

    const again = await assembleIteration({ runId: 'r', iteration: 1 }, objects);

    expect(again).toEqual(first);
    expect(store.calls.filter((call) => call.op === 'put')).toHaveLength(putsBefore);
    expect(storedGradient(store).slice(1024)).toEqual(new Array(576).fill(-1.5));
  });

  it("refuses an iteration beyond the spec's", async () => {
    const { objects } = arrange();

    await expect(assembleIteration({ runId: 'r', iteration: 3 }, objects)).rejects.toThrow(
      "assemble input: iteration 3; expected at most 2, the spec's iterations",
    );
  });

  it('names a missing spec', async () => {
    const objects = { store: new InMemoryBlobStore(), bucket: TEST_BUCKET };

    await expect(assembleIteration({ runId: 'r', iteration: 1 }, objects)).rejects.toThrow(InputError);
    await expect(assembleIteration({ runId: 'r', iteration: 1 }, objects)).rejects.toThrow(
      `${keys.spec}: not found; expected the run spec written when the run started`,
    );
  });
});
