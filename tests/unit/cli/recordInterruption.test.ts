import { type RunState, runKeys } from '@seisless/core';
import { recordInterruption } from '../../../scripts/cli/recordInterruption';
import { memoryStore } from './fakes';

function state(status: RunState['status'], completedIterations: number): RunState {
  return {
    runId: 'demo',
    status,
    algorithm: 'lsrtm',
    iterations: 3,
    completedIterations,
    objectives: [5].slice(0, completedIterations),
    warnings: [],
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:07:07.000Z',
  };
}

const now = () => new Date('2025-03-04T06:00:00Z');

describe('recordInterruption', () => {
  it('marks a running run as stopped by an interrupt, saying where and how to continue', async () => {
    const store = memoryStore(new Map([[runKeys('demo').state, state('RUNNING', 1)]]));

    await recordInterruption(store, 'demo', now);

    expect(await store.getJson(runKeys('demo').state)).toEqual({
      ...state('FAILED', 1),
      updatedAt: '2025-03-04T06:00:00.000Z',
      error: {
        Error: 'Interrupted',
        Cause:
          'seisless was interrupted (SIGINT) during iteration 2 of 3 and stopped the local cloud; ' +
          'continue with `seisless resume demo`',
      },
    });
  });

  it('leaves a run that has already ended, or has no state, as it is', async () => {
    const store = memoryStore(new Map([[runKeys('demo').state, state('SUCCEEDED', 3)]]));

    await recordInterruption(store, 'demo', now);
    await recordInterruption(store, 'other', now);

    expect(await store.getJson(runKeys('demo').state)).toEqual(state('SUCCEEDED', 3));
    expect(store.objects.has(runKeys('other').state)).toBe(false);
  });
});
