import { failedWith, failing, runImaging, type TaskHandler } from '../../support/imagingMachine';

const gradientJobs = {
  runId: 'demo',
  iteration: 1,
  kind: 'gradient',
  jobIds: ['job-1'],
  shots: [0, 1],
  taskKey: 'runs/demo/iterations/1/tasks/gradient.json',
  submittedAt: 1,
  deadline: 2,
  chunkCount: 1,
};

const untilGradients: Record<string, TaskHandler> = {
  StartRun: () => ({
    runId: 'demo',
    done: false,
    needsModel: false,
    needsObserved: false,
    iteration: 1,
    pollSeconds: 1,
  }),
  SelectBatch: () => ({ iteration: 1, shots: [0, 1] }),
  SubmitGradients: () => gradientJobs,
  JobProgress: failing('JobsFailedError', 'gradient jobs failed'),
  ReductionStatus: () => ({ complete: false }),
  RecordFailure: () => ({ runId: 'demo', status: 'FAILED' }),
};

describe('imaging state machine, failure path', () => {
  it("cancels the run's latest jobs, then records the original error", async () => {
    const { calls, outcome } = await runImaging({
      ...untilGradients,
      CancelJobs: () => ({ runId: 'demo', terminated: ['job-1'] }),
    });

    expect(failedWith(outcome.error)).toBe('RunFailed');
    expect(calls.CancelJobs).toEqual([
      { runId: 'demo', jobs: gradientJobs, reason: 'seisless: the run failed; `seisless status` shows why' },
    ]);
    expect(calls.RecordFailure).toEqual([
      { runId: 'demo', status: 'FAILED', error: { Error: 'JobsFailedError', Cause: expect.any(String) } },
    ]);
  });

  it('records the original error when cancelling fails too', async () => {
    const { calls, outcome } = await runImaging({
      ...untilGradients,
      CancelJobs: failing('AccessDeniedException', 'not allowed to terminate'),
    });

    expect(failedWith(outcome.error)).toBe('RunFailed');
    expect(calls.CancelJobs).toHaveLength(1);
    expect(calls.RecordFailure).toEqual([
      { runId: 'demo', status: 'FAILED', error: { Error: 'JobsFailedError', Cause: expect.any(String) } },
    ]);
  });

  it('goes straight to RecordFailure when the run failed before submitting jobs', async () => {
    const { calls } = await runImaging({
      StartRun: failing('ValidationError', 'spec.model: expected an object'),
      CancelJobs: () => ({ runId: 'demo', terminated: [] }),
      RecordFailure: () => ({ runId: 'demo', status: 'FAILED' }),
    });

    expect(calls.CancelJobs).toBeUndefined();
    expect(calls.RecordFailure).toEqual([
      { runId: 'demo', status: 'FAILED', error: { Error: 'ValidationError', Cause: expect.any(String) } },
    ]);
  });
});
