import { InputError, runKeys, validateRunSpec } from '@seisless/core';
import { readIterationGradient } from '../../../../services/line-search/src/iterationGradient';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r');
const spec = validateRunSpec(lsrtmSpec({ model: { preset: 'layered', shape: [8, 8], spacing: [10, 10] } }));
const ctx = { runId: 'r', iteration: 2, spec };
const summary = {
  version: 1,
  runId: 'r',
  iteration: 2,
  batchShots: [5, 1, 3],
  usedShots: [5],
  droppedShots: [1],
  batchSize: 3,
  rescale: 3,
  objective: 9,
};

describe('readIterationGradient', () => {
  it('reads the assembled gradient with what it is made of', async () => {
    const store = memoryObjectStore();
    await store.putNpy(keys.fullGradient(2), { shape: [8, 8], data: new Float32Array(64).fill(1.5) });
    await store.putJson(keys.gradientSummary(2), summary);

    const out = await readIterationGradient(store, ctx);

    expect(out).toMatchObject(summary);
    expect(Array.from(out.gradient)).toEqual(new Array(64).fill(1.5));
  });

  it('says the assembly has to run first when there is no summary', async () => {
    const store = memoryObjectStore();
    await store.putNpy(keys.fullGradient(2), { shape: [8, 8], data: new Float32Array(64) });

    await expect(readIterationGradient(store, ctx)).rejects.toThrow(InputError);
    await expect(readIterationGradient(store, ctx)).rejects.toThrow(
      /^runs\/r\/iterations\/2\/gradient\.json: not found; expected the assembled gradient's summary/,
    );
  });

  it('refuses a summary of another iteration and a gradient off the grid', async () => {
    const store = memoryObjectStore();
    await store.putJson(keys.gradientSummary(2), { ...summary, iteration: 1 });
    await expect(readIterationGradient(store, ctx)).rejects.toThrow(
      /iteration 1; expected run r, iteration 2/,
    );

    await store.putJson(keys.gradientSummary(2), summary);
    await store.putNpy(keys.fullGradient(2), { shape: [8, 4], data: new Float32Array(32) });
    await expect(readIterationGradient(store, ctx)).rejects.toThrow(/shape \[8, 4\]; expected \[8, 8\]/);
  });
});
