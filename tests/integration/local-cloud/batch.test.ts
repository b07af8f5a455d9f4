import { BatchClient, ListJobsCommand, SubmitJobCommand, TerminateJobCommand } from '@aws-sdk/client-batch';
import { alive, batchHelpers, finished, QUEUE } from './support/batch';
import { type FixtureCloud, startFixtureCloud, useCloudEnvironment, waitFor } from './support/cloud';

jest.setTimeout(60000);

describe('local cloud: Batch jobs', () => {
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
  const log = (jobId: string): string => helpers.log(jobId);

  it('runs a container job through the Batch status lifecycle with timestamps, attempts and its environment', async () => {
    fixture.cloud.setFaults({ batchStartDelayMs: 300 });

    const jobId = await submit('lifecycle', { containerOverrides: { command: ['env'] } });
    const { job, seen } = await until(jobId, finished);
    const env = JSON.parse(log(jobId).split('\n')[1] ?? '{}') as Record<string, string>;

    expect(seen).toEqual(expect.arrayContaining(['STARTING', 'SUCCEEDED']));
    expect(seen.indexOf('STARTING')).toBeLessThan(seen.indexOf('SUCCEEDED'));
    expect(job.createdAt).toBeLessThanOrEqual(job.startedAt ?? 0);
    expect(job.startedAt).toBeLessThanOrEqual(job.stoppedAt ?? 0);
    expect(job.attempts?.map((attempt) => attempt.container?.exitCode)).toEqual([0]);
    expect(job.statusReason).toBe('Essential container in task exited');
    expect(env).toMatchObject({
      AWS_BATCH_JOB_ID: jobId,
      AWS_BATCH_JOB_ATTEMPT: '1',
      AWS_BATCH_JQ_NAME: QUEUE,
      FIXTURE_GREETING: 'hello-local',
      AWS_ENDPOINT_URL_SQS: fixture.cloud.endpoints.sqs,
    });
  });

  it('runs array children with their index and summarises them on the parent', async () => {
    const parentId = await submit('array', {
      arrayProperties: { size: 4 },
      containerOverrides: { command: ['env'] },
    });

    const { job } = await until(parentId, finished);
    const children = await batch.send(new ListJobsCommand({ arrayJobId: parentId, jobStatus: 'SUCCEEDED' }));
    const indexes = [0, 1, 2, 3].map(
      (i) => JSON.parse(log(`${parentId}:${i}`).split('\n')[1] ?? '{}').AWS_BATCH_JOB_ARRAY_INDEX,
    );

    expect(job.status).toBe('SUCCEEDED');
    expect(job.arrayProperties).toMatchObject({
      size: 4,
      statusSummary: expect.objectContaining({ SUCCEEDED: 4 }),
    });
    expect(children.jobSummaryList?.map((child) => child.jobId).sort()).toEqual(
      [0, 1, 2, 3].map((i) => `${parentId}:${i}`),
    );
    expect(indexes).toEqual(['0', '1', '2', '3']);
    expect((await describeJob(`${parentId}:2`)).arrayProperties).toEqual({ index: 2 });
  });

  it('retries failed attempts as the retry strategy and evaluateOnExit say', async () => {
    const recovers = await submit('recovers', { containerOverrides: { command: ['fail-until', '3', '1'] } });
    const exits = await submit('exits', { parameters: { code: '2' } });
    const exhausted = await submit('exhausted', { parameters: { code: '1' } });

    const [a, b, c] = await Promise.all([recovers, exits, exhausted].map((id) => until(id, finished)));

    expect(a?.job.status).toBe('SUCCEEDED');
    expect(a?.job.attempts?.map((attempt) => attempt.container?.exitCode)).toEqual([1, 1, 0]);
    expect(b?.job.status).toBe('FAILED');
    expect(b?.job.attempts?.map((attempt) => attempt.container?.exitCode)).toEqual([2]);
    expect(c?.job.attempts?.map((attempt) => attempt.container?.exitCode)).toEqual([1, 1, 1]);
  });

  it('ends an attempt that outlasts attemptDurationSeconds, without retrying it', async () => {
    const jobId = await batch
      .send(new SubmitJobCommand({ jobName: 'slow', jobQueue: QUEUE, jobDefinition: 'lc-jobs-local-timed' }))
      .then((out) => out.jobId ?? '');

    const { job } = await until(jobId, finished);

    expect(job.status).toBe('FAILED');
    expect(job.statusReason).toBe('Job attempt duration exceeded timeout');
    expect(job.attempts).toHaveLength(1);
    expect((job.stoppedAt ?? 0) - (job.startedAt ?? 0)).toBeLessThan(5000);
  });

  it('terminates a running job together with every process it started', async () => {
    const jobId = await submit('family', { containerOverrides: { command: ['family', '30000'] } });
    const pid = await waitFor('the grandchild pid', async () => {
      const match = /grandchild (\d+)/.exec(
        (await describeJob(jobId)).status === 'RUNNING' ? log(jobId) : '',
      );
      return match ? Number(match[1]) : undefined;
    });

    await batch.send(new TerminateJobCommand({ jobId, reason: 'no longer needed' }));
    const { job } = await until(jobId, finished);

    expect(job.status).toBe('FAILED');
    expect(job.statusReason).toBe('no longer needed');
    expect(job.attempts).toHaveLength(1);
    await waitFor('the grandchild to be gone', async () => (alive(pid) ? undefined : true), 5000);
  });

  it('runs a multi-node job as mpirun -n <nodes>', async () => {
    const jobId = await batch
      .send(new SubmitJobCommand({ jobName: 'mpi', jobQueue: QUEUE, jobDefinition: 'lc-jobs-local-mpi' }))
      .then((out) => out.jobId ?? '');

    const { job } = await until(jobId, finished);

    expect(job.status).toBe('SUCCEEDED');
    expect(job.nodeProperties?.numNodes).toBe(2);
    expect(log(jobId)).toContain('rank 0 of 2 nodes 2');
    expect(log(jobId)).toContain('rank 1 of 2 nodes 2');
  });
});
