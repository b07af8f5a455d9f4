import '../../../scripts/local-cloud/polyfills';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateMachine } from 'aws-local-stepfunctions';
import { parse } from 'yaml';

type Handler = (input: unknown) => unknown;

const file = join(__dirname, '../../../state-machines/imaging.yml');
const definition = parse(
  readFileSync(file, 'utf8')
    .replaceAll(/\$\{sls:stage\}/g, 'test')
    .replaceAll('#{AWS::Partition}', 'aws')
    .replaceAll('#{AWS::Region}', 'us-east-1')
    .replaceAll('#{AWS::AccountId}', '000000000000'),
);

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

function failing(name: string, message: string): Handler {
  return () => {
    const error = new Error(message);
    error.name = name;
    throw error;
  };
}

/** The error name of the Fail state that ended the execution (the engine's ExecutionError wraps it). */
function failedWith(error: Error | undefined): string | undefined {
  return (error?.cause as Error | undefined)?.name;
}

/** Runs the machine with every Task replaced by a local handler; records each Task's input. */
async function run(handlers: Record<string, Handler>) {
  const calls: Record<string, unknown[]> = {};
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([state, handler]) => [
      state,
      async (input: unknown) => {
        calls[state] = [...(calls[state] ?? []), input];
        return handler(input) as never;
      },
    ]),
  );
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: false } });
  const execution = machine.run(
    { runId: 'demo', spec: null, resume: false },
    {
      overrides: {
        taskResourceLocalHandlers: recorded,
        waitTimeOverrides: { WaitForJobs: 0, WaitForGradients: 0 },
        retryIntervalOverrides: Object.fromEntries(Object.keys(handlers).map((state) => [state, 0])),
      },
    },
  );
  const outcome = await execution.result.then(
    (output) => ({ output, error: undefined }),
    (error: Error) => ({ output: undefined, error }),
  );
  return { calls, outcome };
}

const untilGradients: Record<string, Handler> = {
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
    const { calls, outcome } = await run({
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
    const { calls, outcome } = await run({
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
    const { calls } = await run({
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
