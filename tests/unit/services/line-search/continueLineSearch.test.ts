import { type RunSpecInput, runKeys } from '@seisless/core';
import { continueLineSearch, MAX_REPLAYS } from '../../../../services/line-search/src/continueLineSearch';
import { LineSearchFailedError } from '../../../../services/line-search/src/errors';
import { readState } from '../../../../services/line-search/src/lineSearchState';
import { startLineSearch } from '../../../../services/line-search/src/startLineSearch';
import { type ArrangedIteration, arrangeIteration, arrangeTrial } from '../../../support/lineSearchIteration';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const model = { preset: 'layered' as const, shape: [8, 8], spacing: [10, 10] };
const grad = (value: number) => new Array(64).fill(value);

async function started(
  spec: RunSpecInput,
): Promise<
  ArrangedIteration & { ctx: { runId: string; iteration: number; spec: ArrangedIteration['spec'] } }
> {
  const arranged = await arrangeIteration(spec, {
    runId: 'r',
    k: 1,
    shots: [0, 1],
    gradients: [grad(1), grad(1)],
    objectives: [5, 5],
  });
  await arranged.store.putNpy(runKeys('r').input('background'), {
    shape: [8, 8],
    data: new Float32Array(64).fill(2),
  });
  const ctx = { runId: 'r', iteration: 1, spec: arranged.spec };
  await startLineSearch(ctx, arranged.deps);
  return { ...arranged, ctx };
}

async function next(run: Awaited<ReturnType<typeof started>>) {
  const state = await readState(run.store, 'r', 1);
  if (state === undefined) throw new Error('no state');
  return continueLineSearch(state, run.ctx, run.deps);
}

const armijo = (maxTrials = 3): RunSpecInput =>
  fwiSpec({
    model,
    algorithm: {
      kind: 'fwi',
      iterations: 3,
      batchSize: 2,
      step: { rule: 'armijo', initial: 0.1, maxTrials },
      bounds: { minKmS: 1, maxKmS: 5 },
    },
  });

describe('continueLineSearch', () => {
  it('exact: accepts ‖g‖² / Σ‖J d‖² over the used shots', async () => {
    const run = await started(
      lsrtmSpec({
        model,
        algorithm: { kind: 'lsrtm', iterations: 3, batchSize: 2, step: { rule: 'exact' } },
      }),
    );
    await arrangeTrial(run.store, { runId: 'r', k: 1, index: 0 }, { 0: 100, 1: 156 });
    // g = 2 everywhere: ‖g‖² = 256
    expect(await next(run)).toEqual({ action: 'accept', rule: 'exact', step: 1, objective: 10 });
    expect(await readState(run.store, 'r', 1)).toMatchObject({
      status: 'accepted',
      trials: [{ index: 0, value: 256 }],
    });
  });

  it('armijo: backtracks after an increase, then accepts a sufficient decrease', async () => {
    const run = await started(armijo());
    // α₀ = 0.1 / (½ · 4 · 2) = 0.025; f(α₀) = f0 = 10: the interpolating quadratic's minimum is α₀ / 2
    await arrangeTrial(run.store, { runId: 'r', k: 1, index: 0 }, { 0: 5, 1: 5 });
    expect(await next(run)).toEqual({
      action: 'evaluate',
      rule: 'armijo',
      kind: 'objective',
      trial: { index: 1, step: 0.0125 },
    });
    await arrangeTrial(run.store, { runId: 'r', k: 1, index: 1 }, { 0: 4, 1: 4 });
    expect(await next(run)).toEqual({ action: 'accept', rule: 'armijo', step: 0.0125, objective: 10 });
    expect(await next(run)).toEqual({ action: 'accept', rule: 'armijo', step: 0.0125, objective: 10 });
  });

  it('armijo: fails clearly when no trial lowers the objective', async () => {
    const run = await started(armijo(1));
    await arrangeTrial(run.store, { runId: 'r', k: 1, index: 0 }, { 0: 6, 1: 6 });
    await expect(next(run)).rejects.toThrow(LineSearchFailedError);
    await expect(next(run)).rejects.toThrow(
      /armijo, iteration 1: no trial step lowered the objective f0=10\.0000/,
    );
  });

  it('repeats the pending decision when the trial has no values yet, a bounded number of times', async () => {
    const run = await started(armijo());
    const pending = {
      action: 'evaluate',
      rule: 'armijo',
      kind: 'objective',
      trial: { index: 0, step: 0.025 },
    };
    for (let i = 0; i < MAX_REPLAYS; i++) expect(await next(run)).toEqual(pending);
    await expect(next(run)).rejects.toThrow(/no trial values after 3 calls/);
  });

  it('names used shots without a trial value', async () => {
    const run = await started(armijo());
    await arrangeTrial(run.store, { runId: 'r', k: 1, index: 0 }, { 0: 8 });
    await expect(next(run)).rejects.toThrow(/no value for shots \[1\]/);
  });
});
