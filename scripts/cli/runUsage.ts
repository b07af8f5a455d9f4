import {
  type BatchClient,
  DescribeJobsCommand,
  type JobDetail,
  ListJobsCommand,
} from '@aws-sdk/client-batch';
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { type BatchJobDetail, batchJobNamePrefix, ledgerAttemptsOfJobs } from '../report/batchAttempts';
import type { LedgerAttempt, LedgerSources, MeasuredUsage } from '../report/ledgerTypes';
import { callbackWaitsOf, stateTransitionsOf } from '../report/measuredUsage';
import type { CloudSession } from './session';

/** The packaged stack's job queues (services/submitter/serverless.yml). */
export const jobQueueNames = (stage: string) => [
  `seisless-submitter-${stage}-jobs`,
  `seisless-submitter-${stage}-mpi-jobs`,
];

/** Every page of a paginated call. */
async function allPages<T>(page: (token: string | undefined) => Promise<{ items: T[]; next?: string }>) {
  const items: T[] = [];
  let token: string | undefined;
  do {
    const result = await page(token);
    items.push(...result.items);
    token = result.next;
  } while (token !== undefined);
  return items;
}

/** Every job of the run in the stack's queues (array children and multi-node jobs included), described. */
async function describeRunJobs(batch: BatchClient, stage: string, runId: string): Promise<JobDetail[]> {
  const filters = [{ name: 'JOB_NAME', values: [`${batchJobNamePrefix(runId)}*`] }];
  const list = (input: { jobQueue?: string; arrayJobId?: string; filters?: typeof filters }) =>
    allPages(async (nextToken) => {
      const out = await batch.send(new ListJobsCommand({ ...input, nextToken }));
      return { items: out.jobSummaryList ?? [], next: out.nextToken };
    });
  const summaries = (
    await Promise.all(jobQueueNames(stage).map((jobQueue) => list({ jobQueue, filters })))
  ).flat();
  const children = await Promise.all(
    summaries
      .filter((s) => s.arrayProperties?.size !== undefined)
      // Without a filter ListJobs lists RUNNING jobs only; the children carry their parent's name.
      .map((s) => list({ arrayJobId: s.jobId ?? '', filters })),
  );
  const ids = [...summaries, ...children.flat()].flatMap((s) => (s.jobId === undefined ? [] : [s.jobId]));
  const details: JobDetail[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const out = await batch.send(new DescribeJobsCommand({ jobs: ids.slice(i, i + 100) }));
    details.push(...(out.jobs ?? []));
  }
  return details;
}

/** How long the ledger waits for a run's started jobs to stop, and how often it looks. */
export interface SettleOptions {
  readonly timeoutMs: number;
  readonly pollMs: number;
  readonly sleep: (ms: number) => Promise<void>;
}

const SETTLE: SettleOptions = {
  timeoutMs: 30_000,
  pollMs: 1_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const isStarted = (job: JobDetail) => job.status === 'STARTING' || job.status === 'RUNNING';

/**
 * Every job of the run, described once its started jobs have stopped. A run ends when its last
 * output is in, a moment before that job's process exits (a multi-node job's ranks take longest:
 * MPI's finalisation); Batch lists an attempt only once it stopped, so a ledger read at once would
 * miss it. Jobs still started after `settle.timeoutMs` are priced up to now (batchAttempts).
 */
export async function runJobs(
  batch: BatchClient,
  stage: string,
  runId: string,
  settle: SettleOptions = SETTLE,
): Promise<JobDetail[]> {
  let jobs = await describeRunJobs(batch, stage, runId);
  for (let waited = 0; jobs.some(isStarted) && waited < settle.timeoutMs; waited += settle.pollMs) {
    await settle.sleep(settle.pollMs);
    jobs = await describeRunJobs(batch, stage, runId);
  }
  return jobs;
}

/** Every event of an execution's history. */
export function executionHistory(session: CloudSession, executionArn: string): Promise<HistoryEvent[]> {
  return allPages(async (nextToken) => {
    const out = await session.sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    return { items: out.events ?? [], next: out.nextToken };
  });
}

export interface UsageQuery {
  readonly runId: string;
  /** The execution this session ran (its history gives the state transitions). */
  readonly executionArn: string;
  /** The run's job vCPUs (a job detail that does not state them). */
  readonly vcpus: number;
}

const reasonOf = (error: unknown) => (error as Error).message.split('\n')[0] ?? String(error);

/**
 * What the cloud counted for a run's cost ledger, and per line where it came from or why not:
 * Batch attempts from DescribeJobs (both clouds), state transitions from GetExecutionHistory (both),
 * Lambda billed time from the functions' REPORT lines and S3/SQS requests from the servers' counters
 * (local cloud only: on AWS they are in CloudWatch, per function, bucket and queue, not per run).
 */
export async function measureUsage(
  session: CloudSession,
  query: UsageQuery,
  settle: SettleOptions = SETTLE,
): Promise<MeasuredUsage> {
  const sources: Partial<Record<keyof LedgerSources, string>> = {};
  let batchAttempts: LedgerAttempt[] | undefined;
  if (session.batch === undefined) sources.batch_ec2 = 'no Batch client: attempts from the jobs’ timings';
  else {
    try {
      const jobs = await runJobs(session.batch, session.stage, query.runId, settle);
      batchAttempts = ledgerAttemptsOfJobs(query.runId, jobs as BatchJobDetail[], query.vcpus, Date.now());
      sources.batch_ec2 = `DescribeJobs attempts of the run's ${jobs.length} Batch job(s) (failed attempts included), each attempt's startedAt → stoppedAt`;
    } catch (error) {
      sources.batch_ec2 = `Batch attempts not read (${reasonOf(error)}): attempts from the jobs' timings`;
    }
  }
  let stepFunctionsTransitions: number | undefined;
  let stateMachineWaits: MeasuredUsage['stateMachineWaits'];
  try {
    const history = await executionHistory(session, query.executionArn);
    stepFunctionsTransitions = stateTransitionsOf(history);
    stateMachineWaits = callbackWaitsOf(history);
    sources.step_functions = `GetExecutionHistory of this session's execution: its …StateEntered events`;
  } catch (error) {
    sources.step_functions = `execution history not read: ${reasonOf(error)}`;
  }
  const lambdaCompute = session.lambdaCompute?.();
  sources.lambda =
    lambdaCompute === undefined
      ? "billed durations not read: they are REPORT lines in the functions' CloudWatch Logs, which seisless does not query"
      : "invocations (START lines) and billed durations (REPORT lines) of the local functions' logs of this session, at each function's MemorySize";
  const requests = session.requestCounts?.();
  sources.sqs =
    requests === undefined
      ? 'not counted per run: SQS meters requests per queue (CloudWatch), and the queues serve every run of the stage'
      : 'requests the local SQS answered during this session (functions, jobs and the event sources’ polling), by queue type';
  sources.s3 =
    requests === undefined
      ? 'requests not counted per run: S3 meters them per bucket (CloudWatch request metrics, off by default); storage from listing the run prefix'
      : 'requests the local S3 answered during this session (GET/HEAD, PUT/POST, bucket listings; DELETE is free); storage from listing the run prefix';
  return {
    ...(batchAttempts === undefined ? {} : { batchAttempts }),
    ...(lambdaCompute === undefined ? {} : { lambdaCompute }),
    ...(stepFunctionsTransitions === undefined ? {} : { stepFunctionsTransitions }),
    ...(stateMachineWaits === undefined ? {} : { stateMachineWaits }),
    ...(requests === undefined
      ? {}
      : {
          sqsRequests: { ...requests.sqs },
          s3Requests: { get: requests.s3.get, put: requests.s3.put, list: requests.s3.list },
        }),
    sources,
  };
}
