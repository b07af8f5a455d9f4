import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { FIXTURES, type FixtureCloud, startFixtureCloud, waitFor } from './support/cloud';

jest.setTimeout(120000);

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const PYTHON = join(ROOT, '.venv', 'bin', 'python');
const AWS = join(ROOT, '.venv', 'bin', 'aws');

describe('local cloud: boto3 and the AWS CLI in other processes', () => {
  let fixture: FixtureCloud;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fixture = await startFixtureCloud(['jobs', 'pyjobs', 'flow']);
    // Only the variables the local cloud hands out: no endpoint flags, no client configuration.
    env = { PATH: process.env.PATH, HOME: process.env.HOME, ...fixture.cloud.env };
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    // AWS CLI v1 pins `aws sqs` to queue.amazonaws.com unless --endpoint-url is given (its
    // overridesslcommonname customization ignores AWS_ENDPOINT_URL_SQS); the other commands use the variables.
    const endpoint = args[0] === 'sqs' ? ['--endpoint-url', fixture.cloud.endpoints.sqs] : [];
    const { stdout } = await run(AWS, [...endpoint, ...args, '--output', 'json'], { env });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  }

  it('serves every operation to boto3, including from a Batch job', async () => {
    const script = join(FIXTURES, 'clients', 'boto3_operations.py');
    const { stdout } = await run(PYTHON, [script, 'local'], { env, cwd: ROOT });
    const results = JSON.parse(stdout) as Record<string, Record<string, unknown>>;
    const sqs = new SQSClient({ ...clientSettings(fixture) });
    const QueueUrl = fixture.cloud.queueUrls.get('lc-pyjobs-local-results.fifo');
    const fromJob = await waitFor('the message the Python job sent', async () => {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
      return out.Messages?.[0];
    });
    sqs.destroy();

    expect(results.s3).toEqual({ body: 'object 1', keys: ['boto3/0.txt', 'boto3/1.txt', 'boto3/2.txt'] });
    expect(results.sqs).toEqual({ url: QueueUrl, bodies: ['from boto3'], fifo: 'true' });
    expect(results.sfn).toEqual({
      running: 'RUNNING',
      stopped: 'ABORTED',
      error: 'Boto3',
      first: 'ExecutionStarted',
    });
    expect(results.batch).toMatchObject({
      status: 'SUCCEEDED',
      array: 'FAILED',
      cancelled: 'boto3 cancel',
      mpi: 'SUCCEEDED',
      listed: ['boto3', 'boto3-mpi'],
      pythonJob: 'SUCCEEDED',
    });
    expect(JSON.parse(fromJob.Body ?? '{}')).toEqual({ jobId: results.batch?.pythonJobId, attempt: '1' });
  });

  it('serves every operation to the AWS CLI', async () => {
    expect(existsSync(AWS)).toBe(true);

    await aws(
      's3api',
      'put-object',
      '--bucket',
      'lc-local-pyjobs',
      '--key',
      'cli/a.txt',
      '--body',
      __filename,
    );
    const listed = await aws('s3api', 'list-objects-v2', '--bucket', 'lc-local-pyjobs', '--prefix', 'cli/');
    const url = String(
      (await aws('sqs', 'get-queue-url', '--queue-name', 'lc-pyjobs-local-results.fifo')).QueueUrl,
    );
    await aws(
      'sqs',
      'send-message',
      '--queue-url',
      url,
      '--message-body',
      'from the cli',
      '--message-group-id',
      'cli',
      '--message-deduplication-id',
      'cli-1',
    );
    const received = (await aws(
      'sqs',
      'receive-message',
      '--queue-url',
      url,
      '--wait-time-seconds',
      '2',
    )) as {
      Messages?: { Body: string; ReceiptHandle: string }[];
    };
    await aws(
      'sqs',
      'delete-message',
      '--queue-url',
      url,
      '--receipt-handle',
      received.Messages?.[0]?.ReceiptHandle ?? '',
    );
    const hold = 'arn:aws:states:us-east-1:000000000000:stateMachine:hold';
    const started = await aws(
      'stepfunctions',
      'start-execution',
      '--state-machine-arn',
      hold,
      '--name',
      'cli',
    );
    await aws('stepfunctions', 'stop-execution', '--execution-arn', String(started.executionArn));
    const history = (await aws(
      'stepfunctions',
      'get-execution-history',
      '--execution-arn',
      String(started.executionArn),
    )) as {
      events: { type: string }[];
    };
    const submitted = await aws(
      'batch',
      'submit-job',
      '--job-name',
      'cli',
      '--job-queue',
      'lc-jobs-local-queue',
      '--job-definition',
      'lc-jobs-local-work',
    );
    const jobId = String(submitted.jobId);
    const described = await waitFor('the CLI job', async () => {
      const out = (await aws('batch', 'describe-jobs', '--jobs', jobId)) as { jobs: { status: string }[] };
      return out.jobs[0]?.status === 'SUCCEEDED' ? out.jobs[0] : undefined;
    });
    const jobs = (await aws(
      'batch',
      'list-jobs',
      '--job-queue',
      'lc-jobs-local-queue',
      '--job-status',
      'SUCCEEDED',
    )) as {
      jobSummaryList: { jobId: string }[];
    };
    await aws('batch', 'terminate-job', '--job-id', jobId, '--reason', 'already done');
    await aws('batch', 'cancel-job', '--job-id', jobId, '--reason', 'already done');

    expect((listed.Contents as { Key: string }[]).map((object) => object.Key)).toEqual(['cli/a.txt']);
    expect(received.Messages?.[0]?.Body).toBe('from the cli');
    expect(history.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'ExecutionAborted']),
    );
    expect(described.status).toBe('SUCCEEDED');
    expect(jobs.jobSummaryList.map((job) => job.jobId)).toContain(jobId);
  });
});

function clientSettings(fixture: FixtureCloud) {
  const { env } = fixture.cloud;
  return {
    region: fixture.cloud.region,
    endpoint: fixture.cloud.endpoints.sqs,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  };
}
