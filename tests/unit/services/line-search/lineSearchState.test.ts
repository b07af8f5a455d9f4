import { InputError, runKeys } from '@seisless/core';
import {
  type LineSearchState,
  readState,
  writeState,
} from '../../../../services/line-search/src/lineSearchState';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

const state: LineSearchState = {
  version: 1,
  runId: 'r',
  iteration: 2,
  algorithm: 'fwi',
  rule: 'armijo',
  status: 'evaluating',
  batchShots: [1, 2],
  usedShots: [1, 2],
  droppedShots: [],
  batchSize: 2,
  rescale: 1,
  objective: 10,
  gradientNormSq: 4,
  slope: -4,
  trials: [{ index: 0, step: 0.5, value: null }],
  decision: { action: 'evaluate', rule: 'armijo', kind: 'objective', trial: { index: 0, step: 0.5 } },
  replays: 0,
  warnings: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('line-search state', () => {
  it('round-trips through iterations/{k}/line-search/state.json', async () => {
    const store = memoryObjectStore();
    await writeState(store, state);
    expect(await store.exists(runKeys('r').lineSearchState(2))).toBe(true);
    expect(await readState(store, 'r', 2)).toEqual(state);
  });

  it('is undefined before the first call', async () => {
    expect(await readState(memoryObjectStore(), 'r', 2)).toBeUndefined();
  });

  it('rejects a malformed state file', async () => {
    const store = memoryObjectStore();
    await store.putJson(runKeys('r').lineSearchState(2), { ...state, status: 'unknown' });
    await expect(readState(store, 'r', 2)).rejects.toThrow(InputError);
  });
});
