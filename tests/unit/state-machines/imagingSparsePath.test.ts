import { runImaging, type TaskHandler } from '../../support/imagingMachine';

const run = {
  runId: 'demo',
  done: false,
  needsModel: false,
  needsObserved: false,
  iteration: 1,
  pollSeconds: 1,
};
const jobsOf = (kind: string, shots: number[]) => ({
  runId: 'demo',
  iteration: 1,
  kind,
  jobIds: ['job-1'],
  shots,
  taskKey: `runs/demo/iterations/1/tasks/${kind}.json`,
  submittedAt: 1,
  deadline: 2,
  chunkCount: kind === 'gradient' ? 2 : 0,
});

/** One LS-RTM iteration with a fixed step; `sparsify` as StartRun reports it. */
function lsrtmIteration(sparsify: boolean | undefined): Record<string, TaskHandler> {
  const context = sparsify === undefined ? run : { ...run, sparsify };
  return {
    StartRun: () => context,
    SelectBatch: () => ({ iteration: 1, shots: [0, 1] }),
    SubmitGradients: () => jobsOf('gradient', [0, 1]),
    JobProgress: () => ({ state: 'SUCCEEDED', submittedAt: 1 }),
    ReductionStatus: () => ({ complete: true, lastUpdateAt: 5, updateMs: 1 }),
    AssembleGradient: () => ({ rescale: 1 }),
    LineSearch: () => ({ action: 'accept', rule: 'fixed', step: 0.25, objective: 3 }),
    SubmitSparsify: () => jobsOf('sparsify', []),
    CheckJobs: () => ({ state: 'SUCCEEDED' }),
    Update: () => ({ ...context, done: true }),
    Finish: () => ({ runId: 'demo', status: 'SUCCEEDED' }),
  };
}

const sequential = (order: string[]) =>
  order.filter((state) => state !== 'JobProgress' && state !== 'ReductionStatus');

describe('imaging state machine, sparse LS-RTM', () => {
  it('submits the sparsify job with the accepted step after the line search, then updates', async () => {
    const { calls, order, outcome } = await runImaging(lsrtmIteration(true));

    expect(outcome.error).toBeUndefined();
    expect(sequential(order)).toEqual([
      'StartRun',
      'SelectBatch',
      'SubmitGradients',
      'AssembleGradient',
      'LineSearch',
      'SubmitSparsify',
      'CheckJobs',
      'Update',
      'Finish',
    ]);
    expect(calls.SubmitSparsify).toEqual([{ runId: 'demo', iteration: 1, kind: 'sparsify', step: 0.25 }]);
    expect(calls.CheckJobs?.[0]).toMatchObject({ jobs: { kind: 'sparsify' }, failOnError: true });
  });

  it.each([
    ['false', false],
    ['absent (a context from before the field)', undefined],
  ])('goes straight from the line search to the update when sparsify is %s', async (_name, sparsify) => {
    const { order, outcome } = await runImaging(lsrtmIteration(sparsify));

    expect(outcome.error).toBeUndefined();
    expect(sequential(order)).toEqual([
      'StartRun',
      'SelectBatch',
      'SubmitGradients',
      'AssembleGradient',
      'LineSearch',
      'Update',
      'Finish',
    ]);
  });
});
