import { InputError } from '@seisless/core';
import { readTrialScalars, sumOverShots } from '../../../../services/line-search/src/trialScalars';
import { arrangeTrial } from '../../../support/lineSearchIteration';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

describe('trial scalars', () => {
  it('reads the per-shot values of one trial', async () => {
    const store = memoryObjectStore();
    await arrangeTrial(store, { runId: 'r', k: 3, index: 1 }, { 4: 1.5, 9: 2 });
    await arrangeTrial(store, { runId: 'r', k: 3, index: 0 }, { 4: 99 });
    expect(await readTrialScalars(store, 'r', 3, 1)).toEqual(
      new Map([
        [4, 1.5],
        [9, 2],
      ]),
    );
  });

  it('rejects a value that is not a finite number', async () => {
    const store = memoryObjectStore();
    await store.putJson('runs/r/iterations/3/line-search/0/shot-4.json', { shot: 4, value: 'NaN' });
    await expect(readTrialScalars(store, 'r', 3, 0)).rejects.toThrow(InputError);
  });

  it('sums over the used shots and names the missing ones', () => {
    const values = new Map([
      [4, 1.5],
      [9, 2],
      [11, 100],
    ]);
    expect(sumOverShots(values, [4, 9], 'trial 0')).toBe(3.5);
    expect(() => sumOverShots(values, [4, 5, 7], 'trial 0')).toThrow(
      'trial 0: no value for shots [5, 7]; expected one per used shot',
    );
  });
});
