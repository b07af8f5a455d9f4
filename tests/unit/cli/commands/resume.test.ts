import { runKeys } from '@seisless/core';
import { main } from '../../../../scripts/cli/main';
import { fakeDeps, fakeSession, memoryStore } from '../fakes';

const spec = {
  model: { preset: 'layered', shape: [21, 11], spacing: [10, 10] },
  acquisition: {
    sources: { count: 2, depthM: 20 },
    receivers: { count: 21, depthM: 20 },
    recordingTimeMs: 300,
    peakFrequencyHz: 15,
  },
  algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'fixed', value: 1 } },
};

function runState(runId: string, status: string, completedIterations: number) {
  return {
    runId,
    status,
    algorithm: 'lsrtm',
    iterations: 2,
    completedIterations,
    objectives: [10, 4].slice(0, completedIterations),
    createdAt: '2025-03-04T05:06:07.000Z',
    updatedAt: '2025-03-04T05:07:07.000Z',
  };
}

/** A stored run (spec and state) whose next execution succeeds at once; `running` lists RUNNING executions. */
function storedRun(
  runId: string,
  status: string,
  completedIterations: number,
  running: { name: string; runId: string }[] = [],
) {
  const store = memoryStore(
    new Map<string, unknown>([
      [runKeys(runId).spec, spec],
      [runKeys(runId).state, runState(runId, status, completedIterations)],
    ]),
  );
  const fake = fakeSession({
    store,
    sfn: {
      ListExecutionsCommand: (input) => ({
        executions:
          input.statusFilter === 'RUNNING'
            ? running.map((r) => ({ name: r.name, executionArn: `arn:exec:${r.name}` }))
            : [],
      }),
      StartExecutionCommand: (input) => ({ executionArn: `arn:exec:${input.name}` }),
      DescribeExecutionCommand: (input) => {
        const listed = running.find((r) => input.executionArn === `arn:exec:${r.name}`);
        if (listed !== undefined)
          return { status: 'RUNNING', input: JSON.stringify({ runId: listed.runId }) };
        store.objects.set(runKeys(runId).state, runState(runId, 'SUCCEEDED', 2));
        return { status: 'SUCCEEDED', startDate: new Date(0), stopDate: new Date(30_000) };
      },
    },
  });
  return { ...fake, store };
}

describe('seisless resume', () => {
  it('starts a new execution { runId, spec: null, resume: true } and exits 0 when it succeeds', async () => {
    const cloud = storedRun('half-done', 'RUNNING', 1);
    const { deps, stdout } = fakeDeps(cloud.session);

    const code = await main(['resume', 'half-done', '--json'], deps);

    expect(code).toBe(0);
    const start = cloud.sent.find((s) => s.command === 'StartExecutionCommand');
    expect(JSON.parse(start?.input.input as string)).toEqual({
      runId: 'half-done',
      spec: null,
      resume: true,
    });
    expect(start?.input.name).toMatch(/^half-done-resume-/);
    expect(JSON.parse(stdout())).toMatchObject({ status: 'SUCCEEDED', completedIterations: 2 });
    expect(cloud.isStopped()).toBe(true);
  });

  it('hands --faults to the local cloud, and refuses them with --aws (exit 2)', async () => {
    const cloud = storedRun('faulty', 'FAILED', 1);
    const { deps, connects, stderr } = fakeDeps(cloud.session);

    await main(['resume', 'faulty', '--faults', '{"batchKillRate":0.2}'], deps);
    const withAws = await main(['resume', 'faulty', '--aws', '--stage', 'dev', '--faults', '{}'], deps);

    expect(connects).toEqual([
      { target: { aws: false, stage: 'local', region: undefined }, opts: { faults: { batchKillRate: 0.2 } } },
    ]);
    expect(withAws).toBe(2);
    expect(stderr()).toMatch(/--faults injects faults into the local cloud only/);
  });

  it('refuses a run that has completed every iteration: exit 1, nothing started', async () => {
    const cloud = storedRun('finished', 'SUCCEEDED', 2);
    const { deps, stderr } = fakeDeps(cloud.session);

    const code = await main(['resume', 'finished'], deps);

    expect(code).toBe(1);
    expect(stderr()).toMatch(
      /run 'finished' has already completed all 2 iteration\(s\) \(status SUCCEEDED\); nothing to resume/,
    );
    expect(cloud.sent.filter((s) => s.command === 'StartExecutionCommand')).toHaveLength(0);
    expect(cloud.isStopped()).toBe(true);
  });

  it('refuses a run that still has a running execution, naming it; ignores runs that share the prefix', async () => {
    const cloud = storedRun('busy', 'RUNNING', 1, [
      { name: 'busy-2-20250304050607', runId: 'busy-2' },
      { name: 'busy-20250304050607', runId: 'busy' },
    ]);
    const other = storedRun('busy', 'RUNNING', 1, [{ name: 'busy-2-20250304050607', runId: 'busy-2' }]);
    const { deps, stderr } = fakeDeps(cloud.session);

    const code = await main(['resume', 'busy'], deps);
    const otherCode = await main(['resume', 'busy'], fakeDeps(other.session).deps);

    expect(code).toBe(1);
    expect(stderr()).toMatch(
      /run 'busy' is still running \(execution busy-20250304050607\); wait for it, or stop it/,
    );
    expect(cloud.sent.filter((s) => s.command === 'StartExecutionCommand')).toHaveLength(0);
    expect(otherCode).toBe(0);
  });

  it('exits 1 naming the run when it does not exist', async () => {
    const { session } = fakeSession({ store: memoryStore() });
    const { deps, stderr } = fakeDeps(session);

    expect(await main(['resume', 'nowhere'], deps)).toBe(1);
    expect(stderr()).toMatch(/run 'nowhere' not found/);
  });
});
