import {
  type JobsProgress,
  parseInput,
  type ReductionStatus,
  runKeys,
  ShotsFailedError,
  validateRunSpec,
} from '@seisless/core';
import {
  type AssessInput,
  assessFailures,
  assessInputSchema,
} from '../../../../services/iterator/src/assessFailures';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

async function storeWithTolerance(failureTolerance: number) {
  const store = memoryObjectStore();
  await store.putJson(
    runKeys('r').spec,
    validateRunSpec(lsrtmSpec({ reduction: { chunkSize: 4096, failureTolerance } })),
  );
  return store;
}

const jobs = (
  state: JobsProgress['state'],
  failedShots: number[],
  finishedAt = 1000,
): AssessInput['jobs'] => ({
  state,
  failedShots,
  succeededShots: [],
  failures: [],
  finishedAt,
});
const reduction = (done: number[], missing: number[], dead: number[] = []) => ({
  shotsInAllChunks: done,
  missingShots: missing,
  deadLetterShots: dead,
});

describe('assessFailures', () => {
  it('waits while succeeded shots may still be in flight', async () => {
    const store = await storeWithTolerance(0);
    const out = await assessFailures(
      { runId: 'r', iteration: 1, jobs: jobs('SUCCEEDED', []), reduction: reduction([0, 1, 2], [3]) },
      { store, now: () => 2000, graceSeconds: 60 },
    );
    expect(out.action).toBe('wait');
    // The longest the state machine then waits for a wake-up: 10 s, within the 59 s of grace left
    expect(out).toMatchObject({ recheckSeconds: 10 });
  });

  it('fails naming the lost shots once the grace period is over', async () => {
    const store = await storeWithTolerance(0);
    const run = assessFailures(
      { runId: 'r', iteration: 1, jobs: jobs('SUCCEEDED', []), reduction: reduction([0, 1, 2], [3]) },
      { store, now: () => 1000 + 61_000, graceSeconds: 60 },
    );
    await expect(run).rejects.toThrow(ShotsFailedError);
    await expect(run).rejects.toThrow(/shot\(s\) 3 failed/);
  });

  it('proceeds without failed shots within the tolerance', async () => {
    const store = await storeWithTolerance(0.25);
    const out = await assessFailures(
      { runId: 'r', iteration: 1, jobs: jobs('FAILED', [2]), reduction: reduction([0, 1, 3], [2]) },
      { store, now: () => 1000, graceSeconds: 60 },
    );
    expect(out).toMatchObject({ action: 'proceed', shots: [0, 1, 3] });
  });

  it('fails when more shots are lost than the tolerance allows, counting dead letters', async () => {
    const store = await storeWithTolerance(0.25);
    const run = assessFailures(
      { runId: 'r', iteration: 1, jobs: jobs('FAILED', [2]), reduction: reduction([0, 1], [2, 3], [3]) },
      { store, now: () => 1000, graceSeconds: 60 },
    );
    await expect(run).rejects.toMatchObject({ name: 'ShotsFailedError', shots: [2, 3] });
  });

  it("names each failed job's kind and reason, as progress reported them", async () => {
    const store = await storeWithTolerance(0);
    const failures = [
      {
        jobId: 'j:2',
        shot: 2,
        kind: 'bad-input' as const,
        reason: 's3://b/d/shot-2.npy: 5 traces; expected 21 traces',
      },
    ];
    const run = assessFailures(
      {
        runId: 'r',
        iteration: 1,
        jobs: { ...jobs('FAILED', [2]), failures },
        reduction: reduction([0, 1, 3], [2]),
      },
      { store, now: () => 1000, graceSeconds: 60 },
    );
    await expect(run).rejects.toThrow(
      "the spec's reduction.failureTolerance allows 0 of 4: shot 2 (job j:2) bad-input: s3://b/d/shot-2.npy: 5 traces; expected 21 traces",
    );
  });

  it('reads the JobsProgress and ReductionStatus the state machine passes whole', () => {
    // Arrange: the two outputs as the submitter's progress and the reducer's status write them
    const progress: JobsProgress = {
      state: 'FAILED',
      counts: { pending: 0, running: 0, succeeded: 3, failed: 1 },
      checkedAt: 950,
      submittedAt: 500,
      succeededShots: [0, 1, 3],
      failedShots: [2],
      failures: [{ jobId: 'j:2', shot: 2, kind: 'transient', reason: 'exit code 137' }],
      finishedAt: 900,
      firstStartedAt: 600,
      lastStoppedAt: 900,
    };
    const status: ReductionStatus = {
      complete: false,
      chunkCount: 2,
      chunksComplete: 0,
      shotsInAllChunks: [0, 1, 3],
      missingShots: [2],
      deadLetterShots: [],
      objective: 4.5,
      checkedAt: 950,
      lastUpdateAt: 950,
      updateMs: 12,
    };

    // Act
    const input = parseInput(
      assessInputSchema,
      { runId: 'r', iteration: 1, jobs: progress, reduction: status },
      'assessFailures input',
    );

    // Assert
    expect(input.jobs).toEqual({
      state: 'FAILED',
      succeededShots: [0, 1, 3],
      failedShots: [2],
      failures: progress.failures,
      finishedAt: 900,
    });
    expect(input.reduction).toEqual({ shotsInAllChunks: [0, 1, 3], missingShots: [2], deadLetterShots: [] });
  });
});
