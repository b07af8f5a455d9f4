import { runKeys } from '@seisless/core';
import { main } from '../../../../scripts/cli/main';
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

  it('shows the recorded error of a failed run and how to continue', async () => {
    const error = { Error: 'JobsFailedError', Cause: 'job 12 failed: exit 2' };
    const { session } = fakeSession({ store: storeOf({ status: 'FAILED', completedIterations: 0, error }) });
    const { deps, stdout } = fakeDeps(session);

    expect(await main(['status', 'demo'], deps)).toBe(0);

    expect(stdout()).toMatch(/error: JobsFailedError: job 12 failed: exit 2/);
    expect(stdout()).toMatch(/continue with: seisless resume demo/);
  });

  it('exits 1 naming the run when it does not exist', async () => {
    const { session, isStopped } = fakeSession();
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['status', 'ghost'], deps)).toBe(1);

    expect(stderr()).toMatch(/^seisless: error: run 'ghost' not found in the local cloud/);
    expect(isStopped()).toBe(true);
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
