import { runKeys } from '@seisless/core';
import { main } from '../../../../scripts/cli/main';
import { readableError } from '../../../../services/iterator/src/finish';
import { fakeDeps, fakeSession, memoryStore } from '../fakes';

const spec = {
  model: { preset: 'layered', shape: [101, 51], spacing: [10, 10] },
  acquisition: {
    sources: { count: 8, depthM: 20 },
    receivers: { count: 101, depthM: 20 },
    recordingTimeMs: 700,
    peakFrequencyHz: 15,
  },
  observed: { synthetic: true },
  algorithm: { kind: 'lsrtm', iterations: 3, batchSize: 4, step: { rule: 'exact' } },
  reduction: { chunkSize: 4096, failureTolerance: 0 },
};

function storeOf(state: Record<string, unknown>) {
  const keys = runKeys('demo');
  const store = memoryStore();
  store.objects.set(keys.spec, spec);
  store.objects.set(keys.state, {
    runId: 'demo',
    algorithm: 'lsrtm',
    iterations: 3,
    objectives: [],
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:07:07.000Z',
    ...state,
  });
  for (const shot of [0, 1, 2, 3, 4, 5, 6, 7]) store.objects.set(keys.shotData(shot), new Uint8Array());
  return store;
}

describe('seisless status', () => {
  it('shows the iteration under way: gradients written and shots summed over the chunk manifests', async () => {
    const store = storeOf({ status: 'RUNNING', completedIterations: 1, objectives: [12.5] });
    const keys = runKeys('demo');
    for (const shot of [1, 4, 6]) store.objects.set(keys.gradient(2, shot), new Uint8Array());
    store.objects.set(keys.accumulator(2, 0), new Uint8Array());
    store.objects.set(keys.accumulator(2, 1), new Uint8Array());
    const { session } = fakeSession({
      store,
      s3: {
        HeadObjectCommand: (input) => ({
          Metadata: { count: String(input.Key).endsWith('chunk-0.npy') ? '3' : '2' },
        }),
      },
    });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toMatch(/run demo: RUNNING \(lsrtm, 1\/3 iterations\)/);
    expect(stdout()).toMatch(/iteration 1: objective 1\.2500e\+1/);
    expect(stdout()).toMatch(/now: iteration 2\/3 · gradients 3\/4 · reduced 5\/8/);
  });

  it("shows the line search's warnings the run state recorded", async () => {
    const warning = 'iteration 1: shots [3] were only in some chunks and were subtracted back out';
    const store = storeOf({
      status: 'SUCCEEDED',
      completedIterations: 3,
      objectives: [3, 2, 1],
      warnings: [warning],
    });
    const { deps, stdout } = fakeDeps(fakeSession({ store }).session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toContain(`  warning: ${warning}\n`);
  });

  it('shows the recorded error of a failed run and how to continue', async () => {
    const error = { Error: 'JobsFailedError', Cause: 'job 12 failed: exit 2' };
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 0, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toMatch(/error: JobsFailedError: job 12 failed: exit 2/);
    expect(stdout()).toMatch(/continue with: seisless resume demo/);
  });

  it('lists each failed shot with its reason and, for refused inputs, says what to fix instead of resume', async () => {
    const refusal = (shot: number) =>
      `shot ${shot} (job j:${shot}) bad-input: s3://b/data/shot-${shot}.npy: 5 traces; expected 101 traces, one per acquisition.receivers`;
    const error = {
      Error: 'JobsFailedError',
      Cause: `gradient jobs of run demo, iteration 1: 2 of 4 failed: ${refusal(1)}; ${refusal(3)}`,
    };
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 0, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toContain(
      [
        '  error: JobsFailedError: gradient jobs of run demo, iteration 1: 2 of 4 failed',
        '    shot 1 (job j:1, bad input): s3://b/data/shot-1.npy: 5 traces; expected 101 traces, one per acquisition.receivers',
        '    shot 3 (job j:3, bad input): s3://b/data/shot-3.npy: 5 traces; expected 101 traces, one per acquisition.receivers',
        '  to fix: s3://b/data/shot-1.npy, s3://b/data/shot-3.npy (refused by the jobs above, each naming what it expected); a resume would fail the same way until then',
      ].join('\n'),
    );
    expect(stdout()).not.toContain('resume demo');
  });

  it('suggests resume when the jobs failed for a transient reason', async () => {
    const error = {
      Error: 'JobsFailedError',
      Cause:
        'gradient jobs of run demo, iteration 2: 2 of 4 failed: shot 1 (job j:1) transient: exit code 137: OutOfMemoryError; shot 2 (job j:2) transient: Host EC2 terminated',
    };
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 1, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toContain('    shot 1 (job j:1, transient): exit code 137: OutOfMemoryError\n');
    expect(stdout()).toContain('  continue with: seisless resume demo\n');
  });

  it('says a job that failed with an internal error is a bug to report, which a resume would repeat', async () => {
    const error = {
      Error: 'JobsFailedError',
      Cause:
        'gradient jobs of run demo, iteration 2: 2 of 4 failed: shot 1 (job j:1) transient: exit code 137: OutOfMemoryError; shot 2 (job j:2) internal: KeyError: nbl',
    };
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 1, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toContain('    shot 2 (job j:2, internal error): KeyError: nbl\n');
    expect(stdout()).toContain(
      "  to report: the internal error of shot 2 is a bug in seisless, not your input (the error above, with the job's log); a resume reruns the same code on the same input and would most likely fail the same way: resume (seisless resume demo) once a fixed version is deployed\n",
    );
    expect(stdout()).not.toContain('continue with:');
  });

  it('exits 1 naming the run when it does not exist', async () => {
    const { session, isStopped } = fakeSession();
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['status', 'ghost'], deps)).toBe(1);

    expect(stderr()).toMatch(/^seisless: error: run 'ghost' not found in the local cloud/);
    expect(isStopped()).toBe(true);
  });

  const denial =
    'User: arn:aws:sts::000000000000:assumed-role/seisless-iterator-local-ImagingStateMachineRole-X/demo-20250304050607 is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:seisless-iterator-local-startRun';
  const deniedLine = `seisless: error: run demo failed in StartRun: Lambda.AWSLambdaException: ${denial}\n`;

  it("without a run state, exits 1 with the error of the run's failed execution (as AWS lists it)", async () => {
    const caught = { Error: 'Lambda.AWSLambdaException', Cause: denial };
    const { session } = fakeSession({
      sfn: {
        ListExecutionsCommand: () => ({
          executions: [
            { name: 'demo-2-20250304050607', executionArn: 'arn:other', status: 'FAILED' },
            { name: 'demo-20250304050607', executionArn: 'arn:demo', status: 'FAILED' },
          ],
        }),
        GetExecutionHistoryCommand: (input) => {
          expect(input.executionArn).toBe('arn:demo');
          return {
            events: [
              { type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'StartRun', input: '{}' } },
              {
                type: 'LambdaFunctionFailed',
                lambdaFunctionFailedEventDetails: { error: caught.Error, cause: denial },
              },
              {
                type: 'ChoiceStateEntered',
                stateEnteredEventDetails: { name: 'HasJobs', input: JSON.stringify({ error: caught }) },
              },
              {
                type: 'ExecutionFailed',
                executionFailedEventDetails: { error: 'InputError', cause: 'no state' },
              },
            ],
          };
        },
      },
    });
    const { deps, stderr, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(1);

    expect(stderr()).toBe(deniedLine);
    expect(stdout()).toBe('');
  });

  it('without a run state, reads the failure the local session recorded (its executions end with it)', async () => {
    const { session } = fakeSession();
    Object.assign(session, {
      recordedExecution: async (runId: string) =>
        runId === 'demo'
          ? {
              name: 'demo-20250304050607',
              status: 'FAILED',
              failure: { state: 'StartRun', error: { Error: 'Lambda.AWSLambdaException', Cause: denial } },
            }
          : undefined,
    });
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(1);
    expect(stderr()).toBe(deniedLine);
    expect(await main(['report', 'demo'], deps)).toBe(1);
    expect(stderr()).toBe(deniedLine.repeat(2));
  });

  it('without a run state, says a run whose execution is running is starting', async () => {
    const { session } = fakeSession({
      sfn: {
        ListExecutionsCommand: () => ({
          executions: [{ name: 'demo-20250304050607', executionArn: 'arn:demo', status: 'RUNNING' }],
        }),
      },
    });
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(1);
    expect(stderr()).toMatch(
      /^seisless: error: run 'demo' is starting: its execution demo-20250304050607 is RUNNING/,
    );
  });

  it('shows an AccessDenied that RecordFailure recorded with its action, resource and role', async () => {
    // What `finish` records from the Catch output of a handler that S3 refused.
    const message =
      'User: arn:aws:sts::000000000000:assumed-role/seisless-iterator-local-lambdaRole/seisless-iterator-local-selectBatch is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::seisless-local-data/runs/demo/batches/1.json because no identity-based policy allows the s3:PutObject action';
    const error = readableError({
      Error: 'AccessDenied',
      Cause: JSON.stringify({ errorType: 'AccessDenied', errorMessage: message }),
    });
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 0, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toContain(`  error: AccessDenied: ${message}\n`);
  });

  it('resume starts { runId, spec: null, resume: true }', async () => {
    const store = storeOf({ status: 'FAILED', completedIterations: 1 });
    const { session, sent } = fakeSession({
      store,
      sfn: {
        ListExecutionsCommand: () => ({ executions: [] }),
        StartExecutionCommand: () => ({ executionArn: 'arn:exec' }),
        DescribeExecutionCommand: () => ({ status: 'ABORTED' }),
      },
    });
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['resume', 'demo'], deps)).toBe(1);

    const start = sent.find((s) => s.command === 'StartExecutionCommand');
    expect(JSON.parse(start?.input.input as string)).toEqual({ runId: 'demo', spec: null, resume: true });
    expect(start?.input.name).toBe('demo-resume-20250304050607');
    expect(stderr()).toMatch(/seisless: error: run demo aborted/);
  });
});
