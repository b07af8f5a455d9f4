import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runKeys } from '@seisless/core';
import { main } from '../../../../scripts/cli/main';
import { fakeDeps, fakeSession, memoryStore } from '../fakes';

const validSpec = {
  model: { preset: 'layered', shape: [21, 11], spacing: [10, 10] },
  acquisition: {
    sources: { count: 2, depthM: 20 },
    receivers: { count: 21, depthM: 20 },
    recordingTimeMs: 300,
    peakFrequencyHz: 15,
  },
  algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'fixed', value: 1 } },
};

function specFile(content: unknown, name = 'My Spec.json'): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-cli-'));
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return { dir, path };
}

function runState(runId: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    runId,
    status,
    algorithm: 'lsrtm',
    iterations: 2,
    completedIterations: status === 'SUCCEEDED' ? 2 : 0,
    objectives: status === 'SUCCEEDED' ? [10, 4] : [],
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:07:07.000Z',
    ...extra,
  };
}

/**
 * A fake cloud whose execution runs for one poll and then ends with `status`, writing `state`
 * (none when it returns undefined); `history` answers GetExecutionHistory.
 */
function cloudEnding(
  status: 'SUCCEEDED' | 'FAILED',
  state: (runId: string) => unknown,
  history: readonly Record<string, unknown>[] = [],
) {
  const store = memoryStore();
  let polls = 0;
  let runId = '';
  const fake = fakeSession({
    store,
    sfn: {
      StartExecutionCommand: (input) => {
        const body = JSON.parse(input.input as string);
        runId = body.runId;
        store.objects.set(runKeys(runId).spec, body.spec);
        return { executionArn: `arn:exec:${input.name}` };
      },
      DescribeExecutionCommand: () => {
        polls += 1;
        if (polls < 2) return { status: 'RUNNING' };
        const written = state(runId);
        if (written !== undefined) store.objects.set(runKeys(runId).state, written);
        return {
          status,
          startDate: new Date(0),
          stopDate: new Date(60_000),
          error: 'RunFailed',
          cause: 'see status',
        };
      },
      GetExecutionHistoryCommand: () => ({ events: history }),
    },
  });
  return { ...fake, store };
}

describe('seisless run', () => {
  it('validates the spec first: exit 1 naming every bad field, nothing started', async () => {
    const { path } = specFile({
      ...validSpec,
      algorithm: { kind: 'lsrtm', iterations: 0, batchSize: 9, step: { rule: 'fixed', value: 1 } },
      extra: 1,
    });
    const { deps, stderr, connects } = fakeDeps();
    expect(await main(['run', path], deps)).toBe(1);
    expect(stderr()).toMatch(/^seisless: error: .*My Spec\.json is invalid: /);
    expect(stderr()).toMatch(/algorithm\.iterations/);
    expect(stderr()).toMatch(/extra/);
    expect(stderr().trim().split('\n')).toHaveLength(1);
    expect(connects).toHaveLength(0);
  });

  it('exits 1 on a missing or malformed spec file', async () => {
    const { deps, stderr } = fakeDeps();
    expect(await main(['run', '/no/such/spec.json'], deps)).toBe(1);
    expect(stderr()).toMatch(/\/no\/such\/spec.json: cannot read the run spec \(ENOENT\)/);
    const { path } = specFile('{ not json');
    expect(await main(['run', path], deps)).toBe(1);
    expect(stderr()).toMatch(/not valid JSON/);
  });

  it('starts the state machine with { runId, spec, resume: false }, follows it and exits 0', async () => {
    const { path } = specFile(validSpec);
    const cloud = cloudEnding('SUCCEEDED', (id) => runState(id, 'SUCCEEDED'));
    const { deps, stdout, stderr } = fakeDeps(cloud.session);
    expect(await main(['run', path, '--json'], deps)).toBe(0);
    const start = cloud.sent.find((s) => s.command === 'StartExecutionCommand');
    const input = JSON.parse(start?.input.input as string);
    expect(input).toMatchObject({
      runId: 'my-spec-20250304050607',
      resume: false,
      spec: { runId: 'my-spec-20250304050607' },
    });
    expect(input.spec.compute.vcpus).toBe(1);
    const result = JSON.parse(stdout());
    expect(result).toMatchObject({
      runId: 'my-spec-20250304050607',
      status: 'SUCCEEDED',
      objectives: [10, 4],
      wallSeconds: 60,
    });
    expect(result.report.html).toMatch(/reports\/my-spec-20250304050607\/index.html$/);
    expect(stderr()).toMatch(/iteration/);
    expect(cloud.isStopped()).toBe(true);
  });

  it("prices the run's ledger from what the session counted: transitions, Lambda time and requests", async () => {
    const { path } = specFile(validSpec);
    const history = [
      { type: 'TaskStateEntered' },
      { type: 'TaskStateExited' },
      { type: 'ChoiceStateEntered' },
    ];
    const cloud = cloudEnding('SUCCEEDED', (id) => runState(id, 'SUCCEEDED'), history);
    const session = {
      ...cloud.session,
      lambdaInvocations: () => ({ reduce: 4 }),
      lambdaCompute: () => ({ reduce: { billedMs: 1000, memoryMb: 2048, architecture: 'arm64' as const } }),
      requestCounts: () => ({ s3: { get: 3, put: 2, list: 1, delete: 0 }, sqs: { standard: 0, fifo: 5 } }),
    };
    const { deps, stdout } = fakeDeps(session, { dataDir: mkdtempSync(join(tmpdir(), 'seisless-cli-')) });

    expect(await main(['run', path, '--json'], deps)).toBe(0);

    const historyCall = cloud.sent.find((s) => s.command === 'GetExecutionHistoryCommand');
    expect(historyCall?.input.executionArn).toMatch(/^arn:exec:my-spec-/);
    const report = JSON.parse(readFileSync(JSON.parse(stdout()).report.json, 'utf8'));
    const ledger = report.cost_ledger;
    expect(ledger.step_functions.quantities.transitions).toBe(2);
    expect(ledger.lambda.quantities).toEqual({ requests: 4, gb_seconds: 2, arm64_gb_seconds: 2 });
    expect(ledger.sqs.quantities).toEqual({ standard: 0, fifo: 5 });
    expect(ledger.s3.quantities).toMatchObject({ get: 3, put: 2, list: 1 });
    // No Batch client in this session: attempts come from the (absent) timings, and it says so.
    expect(ledger.sources.batch_ec2).toMatch(/no Batch client/);
    expect(ledger.unpriced).toEqual([]);
    expect(report.measured_usage.stepFunctionsTransitions).toBe(2);
  });

  it("waits for the local cloud's warm functions before it starts the execution", async () => {
    const { path } = specFile(validSpec);
    const cloud = cloudEnding('SUCCEEDED', (id) => runState(id, 'SUCCEEDED'));
    let warm = false;
    const session = Object.assign(cloud.session, {
      functionsWarm: async () => {
        await new Promise((done) => setTimeout(done, 5));
        warm = true;
      },
    });
    let warmAtStart: boolean | undefined;
    const sfn = session.sfn as unknown as { send: (command: { constructor: { name: string } }) => unknown };
    const send = sfn.send.bind(sfn);
    sfn.send = (command) => {
      if (command.constructor.name === 'StartExecutionCommand') warmAtStart = warm;
      return send(command);
    };
    const { deps } = fakeDeps(session);

    expect(await main(['run', path, '--json'], deps)).toBe(0);

    expect(warmAtStart).toBe(true);
  });

  it('exits 1 with the recorded error line when the run fails', async () => {
    const { path } = specFile(validSpec);
    const error = {
      Error: 'ShotsFailedError',
      Cause: JSON.stringify({ errorType: 'ShotsFailedError', errorMessage: 'shots 3, 5 failed' }),
    };
    const cloud = cloudEnding('FAILED', (id) => runState(id, 'FAILED', { error }));
    const { deps, stderr } = fakeDeps(cloud.session);
    expect(await main(['run', path, '--run-id', 'bad-run'], deps)).toBe(1);
    expect(stderr()).toMatch(/seisless: error: run bad-run failed: ShotsFailedError: shots 3, 5 failed\n$/);
  });

  it("exits 1 with the execution's error and failed state when the run failed before writing its state", async () => {
    const { path } = specFile(validSpec);
    const denial =
      'User: arn:aws:sts::000000000000:assumed-role/seisless-iterator-local-ImagingStateMachineRole-X/states is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:000000000000:function:seisless-iterator-local-startRun (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: 1; Proxy: null)';
    const missing =
      '{"errorType":"InputError","errorMessage":"s3://b/runs/iam-run/state.json: no such object"}';
    const caught = { Error: 'Lambda.AWSLambdaException', Cause: denial };
    const cloud = cloudEnding('FAILED', () => undefined, [
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
        type: 'TaskStateEntered',
        stateEnteredEventDetails: { name: 'RecordFailure', input: JSON.stringify({ error: caught }) },
      },
      {
        type: 'LambdaFunctionFailed',
        lambdaFunctionFailedEventDetails: { error: 'InputError', cause: missing },
      },
      { type: 'ExecutionFailed', executionFailedEventDetails: { error: 'InputError', cause: missing } },
    ]);
    const recorded: unknown[] = [];
    Object.assign(cloud.session, {
      recordExecution: async (runId: string, execution: unknown) => {
        recorded.push({ runId, execution });
      },
    });
    const { deps, stderr, stdout } = fakeDeps(cloud.session);

    expect(await main(['run', path, '--run-id', 'iam-run', '--json'], deps)).toBe(1);

    const lines = stderr().trim().split('\n');
    expect(lines.at(-1)).toBe(
      `seisless: error: run iam-run failed in StartRun: Lambda.AWSLambdaException: ${denial}`,
    );
    // No report for a run without state, and no warning about it.
    expect(stderr()).not.toMatch(/warning|state\.json/);
    // What a later `seisless status iam-run` reads once the local cloud has forgotten the execution.
    expect(recorded).toEqual([
      {
        runId: 'iam-run',
        execution: {
          name: 'iam-run-20250304050607',
          status: 'FAILED',
          failure: { state: 'StartRun', error: caught },
        },
      },
    ]);
    expect(JSON.parse(stdout())).toMatchObject({
      status: 'FAILED',
      report: null,
      error: `Lambda.AWSLambdaException: ${denial}`,
    });
  });

  it('refuses a run id that already exists and says how to continue it', async () => {
    const { path } = specFile(validSpec);
    const store = memoryStore(new Map([[runKeys('taken').state, runState('taken', 'FAILED')]]));
    const { session, sent } = fakeSession({ store });
    const { deps, stderr } = fakeDeps(session);
    expect(await main(['run', path, '--run-id', 'taken'], deps)).toBe(1);
    expect(stderr()).toMatch(/run 'taken' already exists; continue it with `seisless resume taken`/);
    expect(sent.filter((s) => s.client === 'sfn')).toHaveLength(0);
  });

  it('connects to the stage given by --aws --stage, and hands --faults to the local cloud', async () => {
    const { path } = specFile(validSpec);
    const cloud = cloudEnding('SUCCEEDED', (id) => runState(id, 'SUCCEEDED'));
    const { deps, connects } = fakeDeps(cloud.session);
    await main(['run', path, '--aws', '--stage', 'dev', '--region', 'eu-west-1'], deps);
    await main(['run', path, '--run-id', 'faulty', '--faults', '{"crashReducer":0.2}'], deps);
    expect(connects).toEqual([
      { target: { aws: true, stage: 'dev', region: 'eu-west-1' }, opts: { faults: undefined } },
      { target: { aws: false, stage: 'local', region: undefined }, opts: { faults: { crashReducer: 0.2 } } },
    ]);
  });

  it('reports the faults the local cloud injected, in the result and on stderr', async () => {
    const { path } = specFile(validSpec);
    const cloud = cloudEnding('SUCCEEDED', (id) => runState(id, 'SUCCEEDED'));
    const counts = { sqsDuplicates: 3, lambdaCrashesBefore: 1, lambdaCrashesAfter: 0, batchKills: 2 };
    const session = Object.assign(cloud.session, { injectedFaults: () => counts });
    const { deps, stdout, stderr } = fakeDeps(session);

    expect(await main(['run', path, '--json', '--faults', '{"batchKillRate":0.2}'], deps)).toBe(0);

    expect(JSON.parse(stdout()).injectedFaults).toEqual(counts);
    expect(stderr()).toMatch(
      /seisless: faults injected: sqsDuplicates 3, lambdaCrashesBefore 1, lambdaCrashesAfter 0, batchKills 2/,
    );
  });
});
