import { failedWith, failing, runImaging, type TaskHandler } from '../../support/imagingMachine';

const run = {
  runId: 'demo',
  done: false,
  needsModel: false,
  needsObserved: false,
  iteration: 1,
  pollSeconds: 1,
};
const jobsOf = (kind: string) => ({
  runId: 'demo',
  iteration: 1,
  kind,
  jobIds: ['job-1'],
  shots: [0, 1],
  taskKey: `runs/demo/iterations/1/tasks/${kind}.json`,
  submittedAt: 1,
  deadline: 2,
  chunkCount: kind === 'gradient' ? 2 : 0,
});
const assembled = {
  gradientKey: 'runs/demo/iterations/1/gradient.npy',
  summaryKey: 'runs/demo/iterations/1/gradient.json',
  batchSize: 2,
  usedShotCount: 2,
  droppedShots: [],
  rescale: 1,
};
const reduction = (complete: boolean) => ({ complete, lastUpdateAt: 5, updateMs: 1 });

/** One FWI iteration: gradients reduced, one Armijo trial, then the step is accepted. */
function fwiIteration(): Record<string, TaskHandler> {
  let stepCalls = 0;
  return {
    StartRun: () => run,
    SelectBatch: () => ({ iteration: 1, shots: [0, 1] }),
    SubmitGradients: () => jobsOf('gradient'),
    JobProgress: () => ({ state: 'SUCCEEDED', submittedAt: 1 }),
    ReductionStatus: () => reduction(true),
    AssembleGradient: () => assembled,
    LineSearch: () => {
      stepCalls += 1;
      return stepCalls === 1
        ? { action: 'evaluate', rule: 'armijo', kind: 'objective', trial: { index: 0, step: 0.5 } }
        : { action: 'accept', rule: 'armijo', step: 0.5, objective: 3 };
    },
    SubmitTrial: () => jobsOf('objective'),
    CheckJobs: () => ({ state: 'SUCCEEDED' }),
    Update: () => ({ ...run, done: true }),
    Finish: () => ({ runId: 'demo', status: 'SUCCEEDED' }),
  };
}

describe('imaging state machine, from the reduction to the line search', () => {
  it('assembles the gradient once, before the first line-search call; trial results go to the line search', async () => {
    const { calls, order, outcome } = await runImaging(fwiIteration());

    expect(outcome.error).toBeUndefined();
    // The Parallel branches (JobProgress, ReductionStatus) run in either order.
    const sequential = order.filter((state) => state !== 'JobProgress' && state !== 'ReductionStatus');
    expect(sequential).toEqual([
      'StartRun',
      'SelectBatch',
      'SubmitGradients',
      'AssembleGradient',
      'LineSearch',
      'SubmitTrial',
      'CheckJobs',
      'LineSearch',
      'Update',
      'Finish',
    ]);
    expect(calls.AssembleGradient).toEqual([{ runId: 'demo', iteration: 1 }]);
    expect(calls.LineSearch).toEqual([
      { runId: 'demo', iteration: 1 },
      { runId: 'demo', iteration: 1 },
    ]);
  });

  it('assembles before the line search when the run proceeds within its failure tolerance', async () => {
    const { calls, order } = await runImaging({
      ...fwiIteration(),
      ReductionStatus: () => reduction(false),
      JobProgress: () => ({ state: 'FAILED', submittedAt: 1 }),
      AssessFailures: () => ({ action: 'proceed', shots: [1], reason: 'within tolerance' }),
    });

    const assessed = order.indexOf('AssessFailures');
    expect(order.slice(assessed, assessed + 3)).toEqual(['AssessFailures', 'AssembleGradient', 'LineSearch']);
    expect(calls.AssembleGradient).toHaveLength(1);
  });

  it('retries a TransientError of the assembly, and fails the run on any other error without a line search', async () => {
    let attempts = 0;
    const transientOnce: TaskHandler = () => {
      attempts += 1;
      if (attempts === 1) failing('TransientError', 'SlowDown')(undefined);
      return assembled;
    };
    const retried = await runImaging({ ...fwiIteration(), AssembleGradient: transientOnce });
    expect(retried.outcome.error).toBeUndefined();
    expect(retried.calls.AssembleGradient).toHaveLength(2);

    const failed = await runImaging({
      ...fwiIteration(),
      AssembleGradient: failing('InputError', 'accumulators missing: chunk-1.npy'),
      CancelJobs: () => ({ runId: 'demo', terminated: [] }),
      RecordFailure: () => ({ runId: 'demo', status: 'FAILED' }),
    });
    expect(failedWith(failed.outcome.error)).toBe('RunFailed');
    expect(failed.calls.LineSearch).toBeUndefined();
    expect(failed.calls.RecordFailure).toEqual([
      { runId: 'demo', status: 'FAILED', error: { Error: 'InputError', Cause: expect.any(String) } },
    ]);
  });
});
