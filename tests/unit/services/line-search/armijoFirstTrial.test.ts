import { validateRunSpec } from '@seisless/core';
import { armijoFirstTrial } from '../../../../services/line-search/src/armijoFirstTrial';
import { type LineSearchState, writeState } from '../../../../services/line-search/src/lineSearchState';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { fwiSpec } from '../../../support/runSpecs';

const spec = validateRunSpec(
  fwiSpec({
    model: { preset: 'camembert', shape: [8, 8], spacing: [10, 10] },
    algorithm: {
      kind: 'fwi',
      iterations: 3,
      batchSize: 2,
      step: { rule: 'armijo', initial: 0.1 },
      bounds: { minKmS: 1, maxKmS: 5 },
    },
  }),
);

// max ½ v² |d| = ½ · 4 · 2 = 4, so the cap is 0.1 / 4 = 0.025
const base = {
  direction: new Float32Array(64).fill(-2),
  velocity: new Float32Array(64).fill(2),
  initial: 0.1,
  shrink: 0.5,
};
const at = (iteration: number) => ({ ...base, ctx: { runId: 'r', iteration, spec } });

function accepted(step: number, rule = 'armijo'): LineSearchState {
  return {
    version: 1,
    runId: 'r',
    iteration: 1,
    algorithm: 'fwi',
    rule,
    status: 'accepted',
    batchShots: [0, 1],
    usedShots: [0, 1],
    droppedShots: [],
    batchSize: 2,
    rescale: 1,
    objective: 10,
    gradientNormSq: 256,
    slope: -256,
    trials: [{ index: 0, step, value: 5 }],
    decision: { action: 'accept', rule, step, objective: 10 },
    replays: 0,
    warnings: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('armijoFirstTrial', () => {
  it('is the initial relative velocity change on the first iteration', async () => {
    expect(await armijoFirstTrial(at(1), memoryObjectStore())).toBeCloseTo(0.025, 12);
  });

  it("grows the previous iteration's accepted step by 1 / shrink", async () => {
    const store = memoryObjectStore();
    await writeState(store, accepted(0.004));
    expect(await armijoFirstTrial(at(2), store)).toBeCloseTo(0.008, 12);
  });

  it('never exceeds the initial relative velocity change', async () => {
    const store = memoryObjectStore();
    await writeState(store, accepted(0.02));
    expect(await armijoFirstTrial(at(2), store)).toBeCloseTo(0.025, 12);
  });

  it('falls back to the cap without a usable previous step', async () => {
    const empty = memoryObjectStore();
    expect(await armijoFirstTrial(at(2), empty)).toBeCloseTo(0.025, 12);
    const zero = memoryObjectStore();
    await writeState(zero, accepted(0));
    expect(await armijoFirstTrial(at(2), zero)).toBeCloseTo(0.025, 12);
  });
});
