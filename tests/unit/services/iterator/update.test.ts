import {
  type IterationSummary,
  iterationSummarySchema,
  type LineSearchState,
  type RunState,
  runKeys,
  validateRunSpec,
} from '@seisless/core';
import { collectIterationTimings } from '../../../../services/iterator/src/iterationSummary';
import { update } from '../../../../services/iterator/src/update';
import { jobTimings } from '../../../support/jobTimings';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const keys = runKeys('r1');
const T0 = 1_767_225_600_000;
/** S3's Last-Modified: whole seconds. */
const s3Clock = () => Math.floor(T0 / 1000) * 1000;

async function seededStore() {
  const store = memoryObjectStore(s3Clock);
  const spec = validateRunSpec(lsrtmSpec(), 'spec');
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
  for (const [shot, written] of [
    [0, T0 + 1_250],
    [3, T0 + 1_730],
  ] as const) {
    await store.putNpy(keys.gradient(1, shot), { shape: [nx, nz], data: new Float32Array(nx * nz) });
    await store.putJson(
      `${keys.timingsPrefix(1)}gradient-shot-${shot}.json`,
      jobTimings({
        shot,
        started_at: (T0 + 100 * shot) / 1000,
        gradient_written_at: written / 1000,
        finished_at: (written + 40) / 1000,
        total_s: 1.5,
      }),
    );
  }
  await store.putJson(
    `${keys.timingsPrefix(1)}born-norm-shot-0.json`,
    jobTimings({ task: 'born-norm', total_s: 9, started_at: 1 }),
  );
  await store.putJson(keys.lineSearchState(1), lineSearchState());
  return store;
}

/** Iteration 1's accepted line search over shots 0 and 3, with `fields` replacing the defaults. */
function lineSearchState(fields: Partial<LineSearchState> = {}): LineSearchState {
  return {
    version: 1,
    runId: 'r1',
    iteration: 1,
    algorithm: 'lsrtm',
    rule: 'fixed',
    status: 'accepted',
    batchShots: [0, 3],
    usedShots: [0, 3],
    droppedShots: [],
    batchSize: 2,
    rescale: 1,
    objective: 42,
    gradientNormSq: 4,
    slope: -4,
    trials: [],
    decision: { action: 'accept', rule: 'fixed', step: 0.5, objective: 42 },
    replays: 0,
    warnings: [],
    updatedAt: new Date(T0).toISOString(),
    ...fields,
  };
}

const acceptedHalf = { action: 'accept', step: 0.5, rule: 'fixed', objective: 42 } as const;

describe('collectIterationTimings', () => {
  it("takes the jobs' millisecond clocks and the state machine's events, not S3's whole seconds", async () => {
    const store = await seededStore();

    const timings = await collectIterationTimings(store, 'r1', 1, {
      submittedAt: T0 - 500,
      reductionCompleteAt: T0 + 1_810,
      accumulatorUpdateMs: 45,
    });

    expect(timings).toEqual({
      submittedAt: T0 - 500,
      firstJobStartedAt: T0,
      lastJobStoppedAt: T0 + 1_770,
      jobWallSeconds: [1.5, 1.5],
      lastGradientAt: T0 + 1_730,
      reductionCompleteAt: T0 + 1_810,
      accumulatorUpdateMs: 45,
    });
  });

  it("falls back to the objects' last-modified times when the clocks are missing", async () => {
    const store = await seededStore();
    await store.putJson(`${keys.timingsPrefix(1)}gradient-shot-5.json`, jobTimings({ shot: 5, total_s: 2 }));
    await store.putNpy(keys.accumulator(1, 0), { shape: [1], data: new Float32Array(1) });

    const timings = await collectIterationTimings(store, 'r1', 1);

    expect(timings.submittedAt).toBeNull();
    expect(timings.lastGradientAt).toBe(s3Clock());
    expect(timings.reductionCompleteAt).toBe(s3Clock());
    expect(timings.accumulatorUpdateMs).toBeNull();
  });
});

describe('update', () => {
  it('writes the iterate, the summary with its timings and the run state', async () => {
    const store = await seededStore();
    let now = T0 + 2_000;

    const context = await update(
      {
        runId: 'r1',
        iteration: 1,
        step: acceptedHalf,
        gradients: { submittedAt: T0 - 500, reductionCompleteAt: T0 + 1_810 },
      },
      { store, pollSeconds: 2, now: () => (now += 10) },
    );

    expect(context).toMatchObject({ runId: 'r1', iteration: 2, iterations: 3, done: false });
    const iterate = await store.getNpy(keys.model(1));
    expect(Array.from(new Set(iterate.data))).toEqual([1]);
    const summary = await store.getJson<{ timings: Record<string, number> }>(keys.iterationSummary(1));
    expect(summary).toMatchObject({
      k: 1,
      shots: [0, 3],
      usedShots: [0, 3],
      droppedShots: [],
      rescale: 1,
      objective: 42,
      step: 0.5,
      rule: 'fixed',
      warnings: [],
    });
    expect(() => iterationSummarySchema.parse(summary)).not.toThrow();
    expect(summary.timings).toMatchObject({
      submittedAt: T0 - 500,
      lastGradientAt: T0 + 1_730,
      reductionCompleteAt: T0 + 1_810,
      updateStartedAt: T0 + 2_010,
      updateFinishedAt: T0 + 2_020,
    });
    const state = await store.getJson<RunState>(keys.state);
    expect(state).toMatchObject({ completedIterations: 1, objectives: [42], warnings: [] });
  });

  it("puts the line search's shots, rescale and warnings in the summary and the warnings in the run state", async () => {
    // Arrange: shot 3 was dropped, the gradient rescaled by B / B_used = 2
    const store = await seededStore();
    const warning = 'shots [3] were only in some chunks and were subtracted back out';
    await store.putJson(
      keys.lineSearchState(1),
      lineSearchState({ usedShots: [0], droppedShots: [3], rescale: 2, warnings: [warning] }),
    );
    const input = { runId: 'r1', iteration: 1, step: acceptedHalf };
    const deps = { store, pollSeconds: 2, now: () => T0 + 2_000 };

    // Act: the state machine retries Update once
    await update(input, deps);
    await update(input, deps);

    // Assert
    const summary = await store.getJson<IterationSummary>(keys.iterationSummary(1));
    expect(summary).toMatchObject({
      shots: [0, 3],
      usedShots: [0],
      droppedShots: [3],
      rescale: 2,
      warnings: [warning],
    });
    const state = await store.getJson<RunState>(keys.state);
    expect(state.warnings).toEqual([`iteration 1: ${warning}`]);
  });

  it('refuses an iteration the line search has not decided, naming its state file', async () => {
    const store = await seededStore();
    await store.putJson(keys.lineSearchState(1), { ...lineSearchState(), rescale: 'two' });

    await expect(
      update({ runId: 'r1', iteration: 1, step: acceptedHalf }, { store, pollSeconds: 2, now: () => T0 }),
    ).rejects.toThrow('runs/r1/iterations/1/line-search/state.json: rescale: "two"; expected a number');
  });
});
