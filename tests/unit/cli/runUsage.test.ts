import { BatchClient, DescribeJobsCommand, ListJobsCommand } from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { measureUsage, runJobs } from '../../../scripts/cli/runUsage';
import type { CloudSession } from '../../../scripts/cli/session';
import { type BatchJobDetail, ledgerAttemptsOfJobs } from '../../../scripts/report/batchAttempts';
import { costLedger } from '../../../scripts/report/costLedger';
import type { PriceTable } from '../../../scripts/report/priceTable';
import { fakeSession } from './fakes';

const history = {
  events: [
    { type: 'ExecutionStarted' },
    { type: 'TaskStateEntered' },
    {
      type: 'TaskSucceeded',
      taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke.waitForTaskToken' },
    },
    { type: 'TaskStateExited' },
    { type: 'MapStateEntered' },
    { type: 'PassStateEntered' },
    { type: 'ExecutionSucceeded' },
  ],
};

function batchWithOneRetriedJob() {
  const batch = new BatchClient({ region: 'us-east-1' });
  const mock = mockClient(batch);
  mock
    .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-jobs' })
    .resolves({ jobSummaryList: [{ jobId: 'j1', jobName: 'r1-1-gradient-shot-0' }] })
    .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-mpi-jobs' })
    .resolves({ jobSummaryList: [] })
    .on(DescribeJobsCommand)
    .resolves({
      jobs: [
        {
          jobId: 'j1',
          jobName: 'r1-1-gradient-shot-0',
          jobQueue: 'q',
          jobDefinition: 'd',
          status: 'SUCCEEDED',
          startedAt: 0,
          attempts: [
            { startedAt: 0, stoppedAt: 3600_000 },
            { startedAt: 3600_000, stoppedAt: 7200_000 },
          ],
        },
      ],
    });
  return { batch, mock };
}

const prices: PriceTable = {
  region: 'us-east-1',
  date: '2026-12-06',
  currency: 'USD',
  source: 'hand-made',
  ec2OnDemandPerHour: { 'c5.large': 0.1 },
  spotFractionOfOnDemand: 0.5,
  spotSource: 'half',
  lambdaPerGbSecond: { x86_64: 0.00001, arm64: 0.000008 },
  lambdaPerRequest: 0.000001,
  sqsStandardPerRequest: 0.0000004,
  sqsFifoPerRequest: 0.000001,
  stepFunctionsPerTransition: 0.00002,
  s3PerGbMonth: 0.02,
  s3GetPerRequest: 0.000001,
  s3PutPerRequest: 0.00001,
  s3ListPerRequest: 0.00001,
  s3DaysPerMonth: 30,
};

describe('measureUsage', () => {
  it('reads Batch attempts, state transitions, Lambda billed time and request counts of a local session', async () => {
    const { batch, mock } = batchWithOneRetriedJob();
    const { session } = fakeSession({ sfn: { GetExecutionHistoryCommand: () => history } });
    const local = {
      ...session,
      batch,
      lambdaCompute: () => ({ reduce: { billedMs: 2000, memoryMb: 1024, architecture: 'arm64' as const } }),
      requestCounts: () => ({ s3: { get: 10, put: 5, list: 2, delete: 1 }, sqs: { standard: 3, fifo: 4 } }),
    } as CloudSession;

    const usage = await measureUsage(local, { runId: 'r1', executionArn: 'arn:e', vcpus: 1 });

    expect(mock.commandCalls(ListJobsCommand)[0]?.args[0].input.filters).toEqual([
      { name: 'JOB_NAME', values: ['r1-*'] },
    ]);
    expect(usage.batchAttempts?.map((a) => [a.attempt, a.failed, a.wall_s])).toEqual([
      [1, true, 3600],
      [2, false, 3600],
    ]);
    expect(usage.stepFunctionsTransitions).toBe(3);
    expect(usage.stateMachineWaits).toEqual({ woken: 1, timedOut: 0 });
    expect(usage.sqsRequests).toEqual({ standard: 3, fifo: 4 });
    expect(usage.s3Requests).toEqual({ get: 10, put: 5, list: 2 });
    expect(usage.lambdaCompute).toEqual({
      reduce: { billedMs: 2000, memoryMb: 1024, architecture: 'arm64' },
    });

    // Every line priced, and the total is their sum (the failed hour included).
    const ledger = costLedger({
      prices,
      compute: { vcpus: 1, memoryMiB: 990, mpiRanks: 1 },
      jobs: [],
      invocations: { reduce: 10 },
      storedBytes: 0,
      runWallS: 60,
      usage,
    });
    expect(ledger.unpriced).toEqual([]);
    expect(ledger.batch_ec2.usd).toBeCloseTo(2 * 0.1 * 0.5 * 0.5, 12);
    expect(ledger.lambda.usd).toBeCloseTo(10 * 0.000001 + 2 * 0.000008, 12); // arm64's rate
    expect(ledger.sqs.usd).toBeCloseTo(3 * 0.0000004 + 4 * 0.000001, 12);
    expect(ledger.step_functions.usd).toBeCloseTo(3 * 0.00002, 12);
    expect(ledger.step_functions.quantities).toEqual({ transitions: 3, waits_woken: 1, waits_timed_out: 0 });
    expect(ledger.s3.usd).toBeCloseTo(10 * 0.000001 + 5 * 0.00001 + 2 * 0.00001, 12);
    const lines = [ledger.batch_ec2, ledger.lambda, ledger.sqs, ledger.step_functions, ledger.s3];
    expect(ledger.total_usd).toBeCloseTo(
      lines.reduce((n, l) => n + (l.usd ?? 0), 0),
      9,
    );
    expect(Object.keys(ledger.sources).sort()).toEqual([
      'batch_ec2',
      'lambda',
      's3',
      'sqs',
      'step_functions',
    ]);
  });

  it('on AWS, says where each figure comes from and why Lambda, SQS and S3 requests are null', async () => {
    const { batch } = batchWithOneRetriedJob();
    const { session } = fakeSession({ sfn: { GetExecutionHistoryCommand: () => history } });
    const aws = { ...session, kind: 'aws', batch } as CloudSession;

    const usage = await measureUsage(aws, { runId: 'r1', executionArn: 'arn:e', vcpus: 1 });
    const ledger = costLedger({
      prices,
      compute: { vcpus: 1, memoryMiB: 990, mpiRanks: 1 },
      jobs: [],
      invocations: undefined,
      storedBytes: 0,
      runWallS: 60,
      usage,
    });

    expect(usage.batchAttempts).toHaveLength(2);
    expect(ledger.sources.batch_ec2).toMatch(/DescribeJobs attempts/);
    expect(ledger.sources.step_functions).toMatch(/GetExecutionHistory/);
    expect(ledger.sqs.usd).toBeNull();
    expect(ledger.unpriced.join('\n')).toMatch(
      /sqs requests \(not counted per run: SQS meters requests per queue/,
    );
    expect(ledger.unpriced.join('\n')).toMatch(
      /lambda GB-seconds \(billed durations not read: .*CloudWatch Logs/,
    );
    expect(ledger.unpriced.join('\n')).toMatch(/s3 requests \(requests not counted per run/);
  });

  it("lists an array job's children whatever their status, and prices each child's attempts", async () => {
    const batch = new BatchClient({ region: 'us-east-1' });
    const mock = mockClient(batch);
    const child = (jobId: string, index: number) => ({
      jobId,
      jobName: 'r1-1-gradient',
      jobQueue: 'q',
      jobDefinition: 'd',
      status: 'SUCCEEDED' as const,
      startedAt: 0,
      arrayProperties: { index },
      attempts: [{ startedAt: 0, stoppedAt: 1000 }],
    });
    mock
      .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-jobs' })
      .resolves({ jobSummaryList: [{ jobId: 'p', jobName: 'r1-1-gradient', arrayProperties: { size: 2 } }] })
      .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-mpi-jobs' })
      .resolves({ jobSummaryList: [] })
      .on(ListJobsCommand, { arrayJobId: 'p' })
      .resolves({
        jobSummaryList: [
          { jobId: 'p:0', jobName: 'r1-1-gradient' },
          { jobId: 'p:1', jobName: 'r1-1-gradient' },
        ],
      })
      .on(DescribeJobsCommand)
      .resolves({
        jobs: [
          { ...child('p', 0), arrayProperties: { size: 2 }, attempts: [] },
          child('p:0', 0),
          child('p:1', 1),
        ],
      });
    const { session } = fakeSession();

    const usage = await measureUsage({ ...session, batch } as CloudSession, {
      runId: 'r1',
      executionArn: 'arn:e',
      vcpus: 1,
    });

    const childrenCall = mock.commandCalls(ListJobsCommand).find((c) => c.args[0].input.arrayJobId === 'p');
    expect(childrenCall?.args[0].input.filters).toEqual([{ name: 'JOB_NAME', values: ['r1-*'] }]);
    expect(mock.commandCalls(DescribeJobsCommand)[0]?.args[0].input.jobs).toEqual(['p', 'p:0', 'p:1']);
    expect(usage.batchAttempts).toHaveLength(2);
  });

  it('falls back to the timings when Batch cannot be read, and says why', async () => {
    const batch = new BatchClient({ region: 'us-east-1' });
    mockClient(batch).on(ListJobsCommand).rejects(new Error('AccessDeniedException: batch:ListJobs'));
    const { session } = fakeSession();

    const usage = await measureUsage({ ...session, batch } as CloudSession, {
      runId: 'r1',
      executionArn: 'arn:e',
      vcpus: 1,
    });

    expect(usage.batchAttempts).toBeUndefined();
    expect(usage.sources?.batch_ec2).toMatch(/not read \(AccessDeniedException: batch:ListJobs\)/);
  });
});

describe('runJobs', () => {
  const detail = (status: 'RUNNING' | 'SUCCEEDED', attempts: { startedAt: number; stoppedAt: number }[]) => ({
    jobId: 'm1',
    jobName: 'r1-1-gradient-shot-3',
    jobQueue: 'q',
    jobDefinition: 'd',
    status,
    startedAt: 1_000,
    nodeProperties: { numNodes: 2, mainNode: 0, nodeRangeProperties: [] },
    attempts,
  });

  function batchAnswering(...answers: ReturnType<typeof detail>[]) {
    const batch = new BatchClient({ region: 'us-east-1' });
    const mock = mockClient(batch);
    mock
      .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-jobs' })
      .resolves({ jobSummaryList: [] })
      .on(ListJobsCommand, { jobQueue: 'seisless-submitter-local-mpi-jobs' })
      .resolves({ jobSummaryList: [{ jobId: 'm1', jobName: 'r1-1-gradient-shot-3' }] });
    const describe = mock.on(DescribeJobsCommand);
    for (const answer of answers) describe.resolvesOnce({ jobs: [answer] });
    return batch;
  }

  it('waits for a job that is still running (its output in, its ranks finalising) to stop', async () => {
    const batch = batchAnswering(
      detail('RUNNING', []),
      detail('RUNNING', []),
      detail('SUCCEEDED', [{ startedAt: 1_000, stoppedAt: 61_000 }]),
    );
    const slept: number[] = [];
    const settle = { timeoutMs: 30_000, pollMs: 1_000, sleep: async (ms: number) => void slept.push(ms) };

    const jobs = await runJobs(batch, 'local', 'r1', settle);

    expect(slept).toEqual([1_000, 1_000]);
    expect(ledgerAttemptsOfJobs('r1', jobs as BatchJobDetail[], 1)).toEqual([
      expect.objectContaining({ task: 'gradient', shot: 3, nodes: 2, wall_s: 60, failed: false }),
    ]);
  });

  it('prices an attempt still running after the wait up to now, marked running', async () => {
    const batch = batchAnswering(...Array.from({ length: 4 }, () => detail('RUNNING', [])));
    const settle = { timeoutMs: 3_000, pollMs: 1_000, sleep: async () => {} };

    const jobs = await runJobs(batch, 'local', 'r1', settle);

    expect(ledgerAttemptsOfJobs('r1', jobs as BatchJobDetail[], 1, 31_000)).toEqual([
      expect.objectContaining({ attempt: 1, wall_s: 30, running: true, failed: false, nodes: 2 }),
    ]);
  });

  it('prices a retried job running its second attempt from the first attempt’s stop', () => {
    const job = detail('RUNNING', [{ startedAt: 1_000, stoppedAt: 11_000 }]);

    expect(ledgerAttemptsOfJobs('r1', [job] as BatchJobDetail[], 1, 21_000)).toEqual([
      expect.objectContaining({ attempt: 1, wall_s: 10, failed: true }),
      expect.objectContaining({ attempt: 2, wall_s: 10, running: true }),
    ]);
  });
});
