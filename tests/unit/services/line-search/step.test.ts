import { InputError, parseInput, runKeys, ValidationError } from '@seisless/core';
import { chooseStep, stepRequestSchema } from '../../../../services/line-search/src/step';
import { arrangeIteration, arrangeTrial } from '../../../support/lineSearchIteration';
import { lsrtmSpec } from '../../../support/runSpecs';

const model = { preset: 'layered' as const, shape: [8, 8], spacing: [10, 10] };

/** A linear "Born operator" per shot on the 64-sample image: (J_s x)_i = w_s · x_i. */
const weights = [1, 3];
const bornNormSq = (shot: number, d: Float32Array) =>
  d.reduce((sum, v) => sum + (weights[shot] as number) ** 2 * v * v, 0);

describe('chooseStep', () => {
  it('runs an exact LS-RTM step: born-norm jobs, then the minimiser along −g', async () => {
    // f_s(x) = ½‖w_s x − b_s‖² at x = 0 with b_s = 1: g_s = −w_s b_s, objective ½‖b_s‖²
    const gradients = weights.map((w) => new Array(64).fill(-w));
    const spec = lsrtmSpec({
      model,
      algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'exact' } },
    });
    const { store, deps } = await arrangeIteration(spec, {
      runId: 'r',
      k: 1,
      shots: [0, 1],
      gradients,
      objectives: [32, 32],
    });
    const first = await chooseStep({ runId: 'r', iteration: 1 }, deps);
    expect(first).toMatchObject({ action: 'evaluate', kind: 'born-norm' });
    const direction = (await store.getNpy(runKeys('r').direction(1))).data;
    await arrangeTrial(
      store,
      { runId: 'r', k: 1, index: 0 },
      { 0: bornNormSq(0, direction), 1: bornNormSq(1, direction) },
    );
    const accepted = await chooseStep({ runId: 'r', iteration: 1 }, deps);
    // g = −4: ‖g‖² = 64·16; Σ‖J_s d‖² = 64·16·(1 + 9): α = 1/10, the minimiser of Σ½(w_s α·4 − 1)²·64
    expect(accepted).toEqual({ action: 'accept', rule: 'exact', step: 0.1, objective: 64 });
  });

  it('refuses a malformed input and an iteration past the spec', async () => {
    const spec = lsrtmSpec({ model });
    const { deps } = await arrangeIteration(spec, {
      runId: 'r',
      k: 1,
      shots: [0],
      gradients: [new Array(64).fill(1)],
      objectives: [1],
    });
    expect(() => parseInput(stepRequestSchema, { runId: 'r' }, 'step input')).toThrow(ValidationError);
    await expect(chooseStep({ runId: 'r', iteration: 4 }, deps)).rejects.toThrow(
      /iteration 4; expected at most 3/,
    );
  });

  it('needs the run spec', async () => {
    const { deps } = await arrangeIteration(lsrtmSpec({ model }), {
      runId: 'r',
      k: 1,
      shots: [0],
      gradients: [new Array(64).fill(1)],
      objectives: [1],
    });
    await expect(chooseStep({ runId: 'other', iteration: 1 }, deps)).rejects.toThrow(InputError);
  });
});
