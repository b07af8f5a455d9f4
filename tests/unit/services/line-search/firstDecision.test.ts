import { type RunSpecInput, runKeys, validateRunSpec } from '@seisless/core';
import { firstDecision } from '../../../../services/line-search/src/firstDecision';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const model = { preset: 'layered' as const, shape: [8, 8], spacing: [10, 10] };
const lsrtm = (step: object) =>
  lsrtmSpec({
    model,
    algorithm: { kind: 'lsrtm', iterations: 5, batchSize: 2, step } as RunSpecInput['algorithm'],
  });

function input(specInput: RunSpecInput, iteration = 1, gradientValue = 2) {
  const gradient = new Float32Array(64).fill(gradientValue);
  return {
    ctx: { runId: 'r', iteration, spec: validateRunSpec(specInput) },
    gradient,
    direction: gradient.map((g) => -g),
    gradientNormSq: 64 * gradientValue * gradientValue,
    objective: 12,
  };
}

describe('firstDecision', () => {
  const store = memoryObjectStore();

  it('fixed: accepts the value, reporting the objective', async () => {
    const { decision } = await firstDecision(input(lsrtm({ rule: 'fixed', value: 0.3 })), store);
    expect(decision).toEqual({ action: 'accept', rule: 'fixed', step: 0.3, objective: 12 });
  });

  it('rtm: takes the image as it is', async () => {
    const { decision } = await firstDecision(input(lsrtmSpec({ model, algorithm: { kind: 'rtm' } })), store);
    expect(decision).toEqual({ action: 'accept', rule: 'rtm', step: 1, objective: 12 });
  });

  it('exact: asks for born-norm jobs', async () => {
    const { decision } = await firstDecision(input(lsrtm({ rule: 'exact' })), store);
    expect(decision).toEqual({
      action: 'evaluate',
      rule: 'exact',
      kind: 'born-norm',
      trial: { index: 0, step: 0 },
    });
  });

  it('armijo: asks for the objective at a step of initial relative velocity change', async () => {
    const spec = fwiSpec({
      model,
      algorithm: {
        kind: 'fwi',
        iterations: 3,
        batchSize: 2,
        step: { rule: 'armijo', initial: 0.05 },
        bounds: { minKmS: 1, maxKmS: 5 },
      },
    });
    const base = input(spec);
    const { decision } = await firstDecision({ ...base, velocity: new Float32Array(64).fill(2) }, store);
    // max ½ v² |d| = ½ · 4 · 2 = 4
    expect(decision).toEqual({
      action: 'evaluate',
      rule: 'armijo',
      kind: 'objective',
      trial: { index: 0, step: 0.05 / 4 },
    });
  });

  it('armijo: starts later iterations from the previous accepted step grown by 1 / shrink', async () => {
    const spec = fwiSpec({
      model,
      algorithm: {
        kind: 'fwi',
        iterations: 3,
        batchSize: 2,
        step: { rule: 'armijo', initial: 0.05, shrink: 0.25 },
        bounds: { minKmS: 1, maxKmS: 5 },
      },
    });
    const previous = memoryObjectStore();
    const accepted = { action: 'accept', rule: 'armijo', step: 0.001, objective: 20 };
    await previous.putJson(runKeys('r').lineSearchState(1), {
      version: 1,
      runId: 'r',
      iteration: 1,
      algorithm: 'fwi',
      rule: 'armijo',
      status: 'accepted',
      batchShots: [0, 1],
      usedShots: [0, 1],
      droppedShots: [],
      batchSize: 2,
      rescale: 1,
      objective: 20,
      gradientNormSq: 256,
      slope: -256,
      trials: [{ index: 0, step: 0.001, value: 12 }],
      decision: accepted,
      replays: 0,
      warnings: [],
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    const base = { ...input(spec, 2), velocity: new Float32Array(64).fill(2) };
    const { decision } = await firstDecision(base, previous);
    // min(0.05 / 4, 0.001 / 0.25)
    expect(decision).toMatchObject({ action: 'evaluate', trial: { index: 0, step: 0.004 } });
  });

  it('barzilai-borwein: the initial step on the first iteration, without a warning', async () => {
    const first = await firstDecision(input(lsrtm({ rule: 'barzilai-borwein', initial: 0.5 })), store);
    expect(first).toEqual({
      decision: { action: 'accept', rule: 'barzilai-borwein', step: 0.25, objective: 12 },
      warnings: [],
    });
  });

  it('barzilai-borwein: sᵀs / sᵀy from the previous update', async () => {
    const bbStore = memoryObjectStore();
    await bbStore.putNpy(runKeys('r').model(1), { shape: [8, 8], data: new Float32Array(64).fill(1) });
    await bbStore.putNpy(runKeys('r').fullGradient(1), { shape: [8, 8], data: new Float32Array(64).fill(6) });
    const { decision } = await firstDecision(
      input(lsrtm({ rule: 'barzilai-borwein', initial: 0.5 }), 2, 2),
      bbStore,
    );
    // s = 1, y = 2 − 6 = −4: no BB step, fall back to initial / max|d|
    expect(decision).toMatchObject({ step: 0.25 });
    // s = 1, y = 2 − (−6) = 8: sᵀs / sᵀy = 1/8
    await bbStore.putNpy(runKeys('r').fullGradient(1), {
      shape: [8, 8],
      data: new Float32Array(64).fill(-6),
    });
    const again = await firstDecision(
      input(lsrtm({ rule: 'barzilai-borwein', initial: 0.5 }), 2, 2),
      bbStore,
    );
    expect(again).toEqual({
      decision: { action: 'accept', rule: 'barzilai-borwein', step: 0.125, objective: 12 },
      warnings: [],
    });
  });

  it('barzilai-borwein: records why it fell back after the first iteration', async () => {
    const { warnings } = await firstDecision(
      input(lsrtm({ rule: 'barzilai-borwein', initial: 0.5 }), 3),
      store,
    );
    expect(warnings).toEqual([
      'barzilai-borwein: runs/r/iterations/2/gradient.npy is missing; used the initial step 0.2500',
    ]);
  });

  it('accepts step 0 for a zero gradient', async () => {
    const first = await firstDecision(input(lsrtm({ rule: 'exact' }), 1, 0), store);
    expect(first.decision).toEqual({ action: 'accept', rule: 'exact', step: 0, objective: 12 });
    expect(first.warnings[0]).toMatch(/gradient is zero/);
  });
});
