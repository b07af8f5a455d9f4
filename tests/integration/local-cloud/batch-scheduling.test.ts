import {
  BatchClient,
  CancelJobCommand,
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
} from '@aws-sdk/client-batch';
import { batchHelpers, finished, QUEUE, WORK } from './support/batch';
import { type FixtureCloud, startFixtureCloud, useCloudEnvironment, waitFor } from './support/cloud';

jest.setTimeout(60000);

describe('local cloud: Batch scheduling', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let batch: BatchClient;
  let helpers: ReturnType<typeof batchHelpers>;

  beforeAll(async () => {
    fixture = await startFixtureCloud(['jobs'], { maxVcpus: 2, killGraceMs: 1000 });
    restoreEnv = useCloudEnvironment(fixture.cloud);
    batch = new BatchClient({});
    helpers = batchHelpers(batch, () => fixture.dataDir);
  });

  afterAll(async () => {
    batch?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  afterEach(() => fixture.cloud.resetFaults());

  const submit: ReturnType<typeof batchHelpers>['submit'] = (...args) => helpers.submit(...args);
  const describeJob: ReturnType<typeof batchHelpers>['describe'] = (jobId) => helpers.describe(jobId);
  const until: ReturnType<typeof batchHelpers>['until'] = (...args) => helpers.until(...args);

  it('holds dependent jobs PENDING, fails them when a dependency fails, and cancels waiting jobs', async () => {
    const first = await submit('first', { containerOverrides: { command: ['sleep', '800'] } });
    const second = await submit('second', { dependsOn: [{ jobId: first }] });
    const doomed = await submit('doomed', { parameters: { code: '2' } });
    const orphan = await submit('orphan', { dependsOn: [{ jobId: doomed }] });
    const waiting = await submit('waiting', { dependsOn: [{ jobId: first }] });

    expect((await describeJob(second)).status).toMatch(/SUBMITTED|PENDING/);
    await batch.send(new CancelJobCommand({ jobId: waiting, reason: 'changed my mind' }));
    const [a, b, c, d] = await Promise.all([first, second, orphan, waiting].map((id) => until(id, finished)));

    expect(b?.seen).toContain('PENDING');
    expect(b?.job.status).toBe('SUCCEEDED');
    expect(b?.job.startedAt).toBeGreaterThanOrEqual(a?.job.stoppedAt ?? Infinity);
    expect(c?.job).toMatchObject({ status: 'FAILED', statusReason: 'Dependent Job failed' });
    expect(d?.job).toMatchObject({ status: 'FAILED', statusReason: 'changed my mind', attempts: [] });
  });

  it('keeps jobs RUNNABLE while the vCPUs are taken', async () => {
    const ids = await Promise.all(
      ['s1', 's2', 's3'].map((name) => submit(name, { containerOverrides: { command: ['sleep', '1500'] } })),
    );

    const crowded = await waitFor('two running and one waiting', async () => {
      const out = await batch.send(new DescribeJobsCommand({ jobs: ids }));
      const statuses = (out.jobs ?? []).map((job) => job.status).sort();
      return statuses.join() === 'RUNNABLE,RUNNING,RUNNING' ? statuses : undefined;
    });
    await Promise.all(ids.map((id) => until(id, finished)));

    expect(crowded).toHaveLength(3);
  });

  it('lists the jobs of a queue by status and by name', async () => {
    const jobId = await submit('listed-job');
    await until(jobId, finished);

    const byStatus = await batch.send(new ListJobsCommand({ jobQueue: QUEUE, jobStatus: 'SUCCEEDED' }));
    const byName = await batch.send(
      new ListJobsCommand({ jobQueue: QUEUE, filters: [{ name: 'JOB_NAME', values: ['listed-*'] }] }),
    );

    expect(byStatus.jobSummaryList?.map((job) => job.jobId)).toContain(jobId);
    expect(byName.jobSummaryList?.map((job) => job.jobName)).toEqual(['listed-job']);
  });

  it('rejects a submission to an unknown queue with a ClientException', async () => {
    await expect(
      batch.send(new SubmitJobCommand({ jobName: 'nowhere', jobQueue: 'nope', jobDefinition: WORK })),
    ).rejects.toMatchObject({ name: 'ClientException' });
  });
});
