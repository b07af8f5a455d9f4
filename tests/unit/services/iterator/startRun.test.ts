import { type RunState, runKeys, ValidationError } from '@seisless/core';
import { startRun } from '../../../../services/iterator/src/startRun';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const deps = (store = memoryObjectStore()) => ({
  store,
  pollSeconds: 2,
  now: () => new Date('2026-01-01T00:00:00Z'),
});

describe('startRun', () => {
  it('stores the spec and a fresh state, and asks for inputs and observed data', async () => {
    const d = deps();
    const context = await startRun({ runId: 'r1', spec: lsrtmSpec(), resume: false }, d);
    expect(context).toMatchObject({
      iteration: 1,
      iterations: 3,
      needsModel: true,
      needsObserved: true,
      done: false,
    });
    expect(await d.store.exists(runKeys('r1').spec)).toBe(true);
    expect((await d.store.getJson<RunState>(runKeys('r1').state)).status).toBe('RUNNING');
  });

  it('refuses an invalid spec before writing anything', async () => {
    const d = deps();
    const bad = {
      ...lsrtmSpec(),
      algorithm: { kind: 'lsrtm', iterations: 0, batchSize: 4, step: { rule: 'fixed', value: 1 } },
    };
    await expect(startRun({ runId: 'r2', spec: bad }, d)).rejects.toThrow(ValidationError);
    await expect(startRun({ runId: 'r2', spec: bad }, d)).rejects.toThrow(/algorithm\.iterations/);
    expect(d.store.objects.size).toBe(0);
  });

  it('resumes after the last completed iteration', async () => {
    const d = deps();
    await startRun({ runId: 'r3', spec: lsrtmSpec(), resume: false }, d);
    const state = await d.store.getJson<RunState>(runKeys('r3').state);
    await d.store.putJson(runKeys('r3').state, { ...state, completedIterations: 2, status: 'FAILED' });
    const context = await startRun({ runId: 'r3', spec: null, resume: true }, d);
    expect(context.iteration).toBe(3);
    expect((await d.store.getJson<RunState>(runKeys('r3').state)).status).toBe('RUNNING');
  });

  it('refuses to reuse a run id with a different spec', async () => {
    const d = deps();
    await startRun({ runId: 'r4', spec: lsrtmSpec(), resume: false }, d);
    await expect(startRun({ runId: 'r4', spec: lsrtmSpec({ seed: 9 }) }, d)).rejects.toThrow(
      /different spec/,
    );
  });

  it('asks for observed data again until every shot has its record and its sidecar', async () => {
    const d = deps();
    await startRun({ runId: 'r5', spec: lsrtmSpec(), resume: false }, d);
    const keys = runKeys('r5');
    const count = 6; // lsrtmSpec's sources
    const record = { shape: [4, 2], data: new Float32Array(8) };
    for (let shot = 0; shot < count; shot += 1) await d.store.putNpy(keys.shotData(shot), record);
    for (let shot = 1; shot < count; shot += 1) await d.store.putJson(keys.shotSidecar(shot), { dtMs: 1 });
    await d.store.putNpy(`${keys.root}/data/extra.npy`, record);

    const interrupted = await startRun({ runId: 'r5', spec: null, resume: true }, d);
    await d.store.putJson(keys.shotSidecar(0), { dtMs: 1 });
    const complete = await startRun({ runId: 'r5', spec: null, resume: true }, d);

    expect(interrupted.needsObserved).toBe(true);
    expect(complete.needsObserved).toBe(false);
  });
});
