import { runKeys, validateRunSpec } from '@seisless/core';
import { readIterationGradient } from '../../../../services/line-search/src/iterationGradient';
import { MemoryAccumulators } from '../../../support/accumulatorObjects';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');
// 8 × 200 = 1600 elements: two chunks of 1024 and 576
const spec = validateRunSpec(
  lsrtmSpec({
    model: { preset: 'layered', shape: [8, 200], spacing: [10, 10] },
    reduction: { chunkSize: 1024 },
  }),
);
const ctx = { runId: 'r', iteration: 2, spec };

async function arrange() {
  const store = memoryObjectStore();
  const accumulators = new MemoryAccumulators();
  await store.putJson(keys.task(2, 'gradient'), { shots: [5, 1, 3] });
  return { store, accumulators };
}

describe('readIterationGradient', () => {
  it('assembles the gradient of the batch and names its shots', async () => {
    const { store, accumulators } = await arrange();
    accumulators.put(keys.accumulator(2, 0), new Array(1024).fill(3), {
      positions: [0, 1, 2],
      batchSize: 3,
      objective: 6,
    });
    accumulators.put(keys.accumulator(2, 1), new Array(576).fill(3), {
      positions: [0, 1, 2],
      batchSize: 3,
      objective: 6,
    });
    const out = await readIterationGradient({ store, accumulators }, ctx);
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
    const { store, accumulators } = await arrange();
    // position 1 (shot 1) is in chunk 0 only; position 2 (shot 3) failed.
    accumulators.put(keys.accumulator(2, 0), new Array(1024).fill(3), {
      positions: [0, 1],
      batchSize: 3,
      objective: 7,
    });
    await store.putNpy(keys.gradient(2, 1), { shape: [8, 200], data: new Float32Array(1600).fill(2) });
    await store.putJson(`${keys.timingsPrefix(2)}gradient-shot-1.json`, { objective: 4 });
    accumulators.put(keys.accumulator(2, 1), new Array(576).fill(1), {
      positions: [0],
      batchSize: 3,
      objective: 3,
    });
    const out = await readIterationGradient({ store, accumulators }, ctx);
    expect(out.usedShots).toEqual([5]);
    expect(out.droppedShots).toEqual([1]);
    expect(out.rescale).toBe(3);
    expect(out.gradient[0]).toBe(3 * (3 - 2));
    expect(out.gradient[1599]).toBe(3 * 1);
    expect(out.objective).toBe(3 * 3);
  });

  it('names missing accumulators', async () => {
    const { store, accumulators } = await arrange();
    accumulators.put(keys.accumulator(2, 0), new Array(1024).fill(3), {
      positions: [0],
      batchSize: 3,
      objective: 1,
    });
    await expect(readIterationGradient({ store, accumulators }, ctx)).rejects.toThrow(
      'accumulators missing: runs/r/iterations/2/accumulators/chunk-1.npy; expected all 2 chunks',
    );
  });

  it('needs the gradient task file for the batch shots', async () => {
    await expect(
      readIterationGradient({ store: memoryObjectStore(), accumulators: new MemoryAccumulators() }, ctx),
    ).rejects.toThrow(/tasks\/gradient\.json: shots undefined/);
  });
});
