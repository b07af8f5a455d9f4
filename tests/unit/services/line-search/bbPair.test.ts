import { runKeys, validateRunSpec } from '@seisless/core';
import { readBbPair } from '../../../../services/line-search/src/bbPair';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const model = { preset: 'layered' as const, shape: [8, 8], spacing: [10, 10] };
const keys = runKeys('r');
const fill = (value: number) => new Float32Array(64).fill(value);

describe('readBbPair', () => {
  it('has no pair on the first iteration', async () => {
    const spec = validateRunSpec(lsrtmSpec({ model }));
    expect(await readBbPair(memoryObjectStore(), { runId: 'r', iteration: 1, spec }, fill(1))).toHaveProperty(
      'reason',
    );
  });

  it('LS-RTM: s = x₁ − 0 (zero first image), y = g₂ − g₁', async () => {
    const spec = validateRunSpec(lsrtmSpec({ model }));
    const store = memoryObjectStore();
    await store.putNpy(keys.model(1), { shape: [8, 8], data: fill(3) });
    await store.putNpy(keys.fullGradient(1), { shape: [8, 8], data: fill(5) });
    const pair = await readBbPair(store, { runId: 'r', iteration: 2, spec }, fill(7));
    expect(pair).not.toHaveProperty('reason');
    if ('s' in pair) {
      expect(pair.s[0]).toBe(3);
      expect(pair.y[0]).toBe(2);
    }
  });

  it('FWI: s is taken in squared slowness', async () => {
    const spec = validateRunSpec(fwiSpec({ model }));
    const store = memoryObjectStore();
    await store.putNpy(keys.input('background'), { shape: [8, 8], data: fill(2) });
    await store.putNpy(keys.model(1), { shape: [8, 8], data: fill(4) });
    await store.putNpy(keys.fullGradient(1), { shape: [8, 8], data: fill(1) });
    const pair = await readBbPair(store, { runId: 'r', iteration: 2, spec }, fill(1.5));
    if (!('s' in pair)) throw new Error(pair.reason);
    expect(pair.s[0]).toBeCloseTo(1 / 16 - 1 / 4, 7);
    expect(pair.y[0]).toBeCloseTo(0.5, 7);
  });

  it('names the missing previous gradient', async () => {
    const spec = validateRunSpec(lsrtmSpec({ model }));
    const pair = await readBbPair(memoryObjectStore(), { runId: 'r', iteration: 3, spec }, fill(1));
    expect(pair).toEqual({ reason: 'runs/r/iterations/2/gradient.npy is missing' });
  });
});
