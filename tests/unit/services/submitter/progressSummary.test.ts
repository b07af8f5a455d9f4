import type { JobsRef } from '@seisless/core';
import type { JobInfo } from '../../../../services/submitter/src/ports';
import {
  batchFailureKind,
  describeFailure,
  summarizeProgress,
} from '../../../../services/submitter/src/progressSummary';

const ref = (overrides: Partial<JobsRef> = {}): JobsRef => ({
  runId: 'demo',
  iteration: 1,
  kind: 'gradient',
  jobIds: ['p'],
  shots: [7, 3, 5],
  taskKey: 't',
  submittedAt: 0,
  deadline: 10_000,
  chunkCount: 1,
  ...overrides,
});

const child = (index: number, status: 'SUCCEEDED' | 'FAILED', times: [number, number] = [100, 200]) => ({
  jobId: `p:${index}`,
  status,
  arrayIndex: index,
  startedAt: times[0],
  stoppedAt: times[1],
});

describe('summarizeProgress', () => {
  it('is RUNNING while array children are unfinished, counting them from the summary', () => {
    const parent = {
      jobId: 'p',
      status: 'PENDING' as const,
      arraySize: 3,
      statusSummary: { RUNNING: 1, RUNNABLE: 1, SUCCEEDED: 1 },
    };
    const progress = summarizeProgress(
      ref(),
      [{ jobId: 'p', job: parent, children: { succeeded: [child(1, 'SUCCEEDED')], failed: [] } }],
      500,
    );
    expect(progress).toMatchObject({
      state: 'RUNNING',
      counts: { pending: 1, running: 1, succeeded: 1, failed: 0 },
      succeededShots: [3],
      failedShots: [],
    });
    expect(progress.finishedAt).toBeUndefined();
  });

  it('is SUCCEEDED when every child succeeded, with finish and timing bounds', () => {
    const parent = { jobId: 'p', status: 'SUCCEEDED' as const, arraySize: 3 };
    const children = {
      succeeded: [
        child(0, 'SUCCEEDED', [100, 400]),
        child(1, 'SUCCEEDED', [50, 300]),
        child(2, 'SUCCEEDED', [120, 250]),
      ],
      failed: [],
    };
    const progress = summarizeProgress(
      { ...ref(), submittedAt: 20 },
      [{ jobId: 'p', job: parent, children }],
      500,
    );
    expect(progress).toMatchObject({
      state: 'SUCCEEDED',
      submittedAt: 20,
      succeededShots: [3, 5, 7],
      finishedAt: 400,
      firstStartedAt: 50,
      lastStoppedAt: 400,
    });
  });

  it('is FAILED once all finished with a failure, naming the shot and the reason', () => {
    const parent = { jobId: 'p', status: 'FAILED' as const, arraySize: 3 };
    const failed = { ...child(2, 'FAILED'), exitCode: 2, statusReason: 'Essential container in task exited' };
    const progress = summarizeProgress(
      ref(),
      [
        {
          jobId: 'p',
          job: parent,
          children: { succeeded: [child(0, 'SUCCEEDED'), child(1, 'SUCCEEDED')], failed: [failed] },
        },
      ],
      500,
    );
    expect(progress).toMatchObject({
      state: 'FAILED',
      failedShots: [5],
      succeededShots: [3, 7],
      counts: { failed: 1, succeeded: 2 },
    });
    expect(progress.failures).toEqual([
      { jobId: 'p:2', shot: 5, kind: 'bad-input', reason: 'exit code 2: Essential container in task exited' },
    ]);
  });

  it('is OVERDUE when the deadline passed with jobs unfinished', () => {
    const parent = { jobId: 'p', status: 'PENDING' as const, arraySize: 3, statusSummary: { RUNNING: 3 } };
    const progress = summarizeProgress(
      ref(),
      [{ jobId: 'p', job: parent, children: { succeeded: [], failed: [] } }],
      10_001,
    );
    expect(progress.state).toBe('OVERDUE');
    expect(progress.counts.running).toBe(3);
  });

  it('maps multi-node (or single) jobs to shots by position', () => {
    const jobs = [
      { jobId: 'a', job: { jobId: 'a', status: 'SUCCEEDED' as const, stoppedAt: 9 } },
      { jobId: 'b', job: { jobId: 'b', status: 'RUNNING' as const } },
      {
        jobId: 'c',
        job: { jobId: 'c', status: 'FAILED' as const, statusReason: 'Host EC2 (instance i-1) terminated.' },
      },
    ];
    const progress = summarizeProgress(ref({ jobIds: ['a', 'b', 'c'] }), jobs, 0);
    expect(progress).toMatchObject({
      state: 'RUNNING',
      succeededShots: [7],
      failedShots: [5],
      counts: { running: 1 },
    });
  });

  it('counts a job Batch no longer knows as failed, for all its shots', () => {
    const progress = summarizeProgress(ref(), [{ jobId: 'p' }], 0);
    expect(progress).toMatchObject({ state: 'FAILED', failedShots: [3, 5, 7], counts: { failed: 3 } });
    expect(progress.failures[0]?.reason).toMatch(/not found/);
  });

  it('reports the model job (no shots) by job counts only', () => {
    const progress = summarizeProgress(
      ref({ kind: 'model', shots: [] }),
      [{ jobId: 'p', job: { jobId: 'p', status: 'SUCCEEDED', stoppedAt: 5 } }],
      0,
    );
    expect(progress).toMatchObject({
      state: 'SUCCEEDED',
      counts: { succeeded: 1 },
      succeededShots: [],
      finishedAt: 5,
    });
  });
});

describe('describeFailure', () => {
  it('joins the exit code, container reason and status reason that Batch gives', () => {
    expect(
      describeFailure({ jobId: 'j', status: 'FAILED', exitCode: 137, containerReason: 'OutOfMemoryError' }),
    ).toBe('exit code 137: OutOfMemoryError');
    expect(describeFailure({ jobId: 'j', status: 'FAILED' })).toMatch(/no reason/);
  });
});

describe('batchFailureKind', () => {
  const failed = (job: Partial<JobInfo>): JobInfo => ({ jobId: 'j', status: 'FAILED', ...job });

  it('reads the exit code of the jobs contract: 2 bad input, 70 internal, 1 transient', () => {
    expect(
      batchFailureKind(failed({ exitCode: 2, statusReason: 'Essential container in task exited' })),
    ).toBe('bad-input');
    expect(batchFailureKind(failed({ exitCode: 70 }))).toBe('internal');
    expect(batchFailureKind(failed({ exitCode: 1 }))).toBe('transient');
  });

  it('takes a killed job, a lost host or a timeout as transient', () => {
    expect(batchFailureKind(failed({ exitCode: 137, containerReason: 'OutOfMemoryError' }))).toBe(
      'transient',
    );
    expect(batchFailureKind(failed({ statusReason: 'Host EC2 (instance i-0abc) terminated.' }))).toBe(
      'transient',
    );
    expect(batchFailureKind(failed({ statusReason: 'Job attempt duration exceeded timeout' }))).toBe(
      'transient',
    );
    expect(
      batchFailureKind(failed({ exitCode: 2, statusReason: 'Host EC2 (instance i-0abc) terminated.' })),
    ).toBe('transient');
  });
});
