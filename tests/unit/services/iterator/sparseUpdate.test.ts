import { type LineSearchState, type RunState, runKeys, validateRunSpec } from '@seisless/core';
import { usesSparsify } from '../../../../services/iterator/src/sparseUpdate';
import { update } from '../../../../services/iterator/src/update';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r1');
const T0 = 1_767_225_600_000;
const sparseSpec = () => validateRunSpec({ ...lsrtmSpec(), algorithm: sparseAlgorithm() }, 'spec');

function sparseAlgorithm() {
  const algorithm = lsrtmSpec().algorithm;
  return { ...algorithm, sparsity: { wavelet: 'db4' } };
}

/** A sparse LS-RTM run at iteration 1 whose line search accepted step 0.5. */
async function sparseRun() {
  const store = memoryObjectStore(() => T0);
  const spec = sparseSpec();
  const [nx = 0, nz = 0] = spec.model.shape;
  await store.putJson(keys.spec, spec);
  await store.putJson(keys.state, {
    runId: 'r1',
    status: 'RUNNING',
    algorithm: 'lsrtm',
    iterations: 3,
    completedIterations: 0,
    objectives: [],
    warnings: [],
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
  } satisfies RunState);
  await store.putNpy(keys.direction(1), { shape: [nx, nz], data: new Float32Array(nx * nz).fill(2) });
  await store.putJson(keys.lineSearchState(1), {
    version: 1,
    runId: 'r1',
    iteration: 1,
    algorithm: 'lsrtm',
    rule: 'fixed',
    status: 'accepted',
    batchShots: [0],
    usedShots: [0],
    droppedShots: [],
    batchSize: 1,
    rescale: 1,
    objective: 42,
    gradientNormSq: 4,
    slope: -4,
    trials: [],
    decision: { action: 'accept', rule: 'fixed', step: 0.5, objective: 42 },
    replays: 0,
    warnings: [],
    updatedAt: new Date(T0).toISOString(),
  } satisfies LineSearchState);
  return { store, shape: [nx, nz], size: nx * nz };
}

const input = {
  runId: 'r1',
  iteration: 1,
  step: { action: 'accept', step: 0.5, rule: 'fixed', objective: 42 },
} as const;

describe('usesSparsify', () => {
  it('is true for LS-RTM with a sparsity section only', () => {
    expect(usesSparsify(sparseSpec())).toBe(true);
    expect(usesSparsify(validateRunSpec(lsrtmSpec(), 'spec'))).toBe(false);
  });
});

describe('update of sparse LS-RTM', () => {
  it("keeps the sparsify job's image instead of stepping x + α·d, and tells the state machine", async () => {
    // Arrange: the sparsify job wrote a thresholded image
    const { store, shape, size } = await sparseRun();
    const image = new Float32Array(size);
    image[7] = 0.25;
    await store.putNpy(keys.model(1), { shape, data: image });

    // Act
    const context = await update(input, { store, pollSeconds: 2, now: () => T0 });

    // Assert
    expect(context).toMatchObject({ iteration: 2, sparsify: true, done: false });
    expect(Array.from((await store.getNpy(keys.model(1))).data)).toEqual(Array.from(image));
    expect((await store.getJson<RunState>(keys.state)).completedIterations).toBe(1);
  });

  it('refuses to finish an iteration whose sparsify job wrote no image, naming the key', async () => {
    const { store } = await sparseRun();

    await expect(update(input, { store, pollSeconds: 2, now: () => T0 })).rejects.toThrow(
      'runs/r1/iterations/1/model.npy: not found; expected the image the sparsify job writes before the Update',
    );
  });
});
