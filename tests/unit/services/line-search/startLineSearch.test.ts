import { type RunSpecInput, runKeys } from '@seisless/core';
import { readState } from '../../../../services/line-search/src/lineSearchState';
import { startLineSearch } from '../../../../services/line-search/src/startLineSearch';
import { arrangeIteration } from '../../../support/lineSearchIteration';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const model = { preset: 'layered' as const, shape: [8, 8], spacing: [10, 10] };
const keys = runKeys('r');
const grad = (value: number) => new Array(64).fill(value);

describe('startLineSearch', () => {
  it('writes the direction, asks for born-norm jobs and records its state (LS-RTM exact)', async () => {
    const spec: RunSpecInput = lsrtmSpec({
      model,
      algorithm: { kind: 'lsrtm', iterations: 3, batchSize: 2, step: { rule: 'exact' } },
    });
    const {
      store,
      deps,
      spec: validated,
    } = await arrangeIteration(spec, {
      runId: 'r',
      k: 1,
      shots: [4, 2],
      gradients: [grad(1), grad(2)],
      objectives: [5, 6],
    });
    const decision = await startLineSearch({ runId: 'r', iteration: 1, spec: validated }, deps);
    expect(decision).toEqual({
      action: 'evaluate',
      rule: 'exact',
      kind: 'born-norm',
      trial: { index: 0, step: 0 },
    });
    expect(Array.from((await store.getNpy(keys.direction(1))).data)).toEqual(grad(-3));
    expect(await readState(store, 'r', 1)).toMatchObject({
      status: 'evaluating',
      rule: 'exact',
      batchShots: [4, 2],
      usedShots: [4, 2],
      rescale: 1,
      objective: 11,
      gradientNormSq: 64 * 9,
      slope: -64 * 9,
      trials: [{ index: 0, step: 0, value: null }],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('sizes the first Armijo trial from the current velocity (FWI)', async () => {
    const spec = fwiSpec({
      model,
      algorithm: {
        kind: 'fwi',
        iterations: 3,
        batchSize: 2,
        step: { rule: 'armijo', initial: 0.1 },
        bounds: { minKmS: 1, maxKmS: 5 },
      },
    });
    const arranged = await arrangeIteration(spec, {
      runId: 'r',
      k: 1,
      shots: [0, 1],
      gradients: [grad(0.5), grad(0.5)],
      objectives: [1, 1],
    });
    await arranged.store.putNpy(keys.input('background'), {
      shape: [8, 8],
      data: new Float32Array(64).fill(2),
    });
    const decision = await startLineSearch({ runId: 'r', iteration: 1, spec: arranged.spec }, arranged.deps);
    // d = −1 in m; max ½ v² |d| = 2, so α₀ = 0.1 / 2
    expect(decision).toEqual({
      action: 'evaluate',
      rule: 'armijo',
      kind: 'objective',
      trial: { index: 0, step: 0.05 },
    });
  });

  it('accepts at once for a fixed step, with the state marked accepted', async () => {
    const spec = lsrtmSpec({
      model,
      algorithm: { kind: 'lsrtm', iterations: 3, batchSize: 1, step: { rule: 'fixed', value: 2 } },
    });
    const {
      store,
      deps,
      spec: validated,
    } = await arrangeIteration(spec, { runId: 'r', k: 2, shots: [3], gradients: [grad(1)], objectives: [4] });
    expect(await startLineSearch({ runId: 'r', iteration: 2, spec: validated }, deps)).toEqual({
      action: 'accept',
      rule: 'fixed',
      step: 2,
      objective: 4,
    });
    expect(await readState(store, 'r', 2)).toMatchObject({ status: 'accepted', trials: [] });
  });
});
