import { BatchClient, DescribeJobsCommand, type JobDetail, SubmitJobCommand } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  type FixtureCloud,
  readJsonObjects,
  startFixtureCloud,
  useCloudEnvironment,
  waitFor,
} from './support/cloud';

jest.setTimeout(120000);

/**
 * Bounds that a Binomial(n, p) count stays within except with probability ~1e-5 (4.5 standard
 * deviations): wide enough never to flake, narrow enough to catch a rate that is off by half.
 */
function binomialBounds(n: number, p: number): [number, number] {
  const sd = Math.sqrt(n * p * (1 - p));
  return [Math.floor(n * p - 4.5 * sd), Math.ceil(n * p + 4.5 * sd)];
}

const RECORD = 'lc-events-local-record';
const BUCKET = 'lc-local-fixtures';

describe('local cloud: fault injection', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let s3: S3Client;

  beforeAll(async () => {
    fixture = await startFixtureCloud(['events', 'jobs'], { maxVcpus: 20, faults: { seed: 7 } });
    restoreEnv = useCloudEnvironment(fixture.cloud);
    s3 = new S3Client({});
    await fixture.cloud.invokeFunction(RECORD, { Records: [] });
  });

  afterAll(async () => {
    s3?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  afterEach(() => fixture.cloud.resetFaults({ seed: 7 }));

  it('crashes invocations before and after their side effects at the configured rates', async () => {
    const before = await readJsonObjects(s3, BUCKET, `observations/${RECORD}/`);
    fixture.cloud.setFaults({ lambdaCrashBeforeRate: 0.2, lambdaCrashAfterRate: 0.2, functions: [RECORD] });
    const n = 200;

    const results = [];
    for (let i = 0; i < n; i += 1) results.push(await fixture.cloud.invokeFunction(RECORD, { Records: [] }));
    const ran = (await readJsonObjects(s3, BUCKET, `observations/${RECORD}/`)).length - before.length;
    const failed = results.filter((result) => !result.ok);
    const crashedBefore = n - ran;
    const crashedAfter = failed.length - crashedBefore;

    expect(failed.every((result) => !result.ok && result.error.errorType === 'Runtime.ExitError')).toBe(true);
    const [lowBefore, highBefore] = binomialBounds(n, 0.2);
    const [lowAfter, highAfter] = binomialBounds(ran, 0.2);
    expect(crashedBefore).toBeGreaterThanOrEqual(lowBefore);
    expect(crashedBefore).toBeLessThanOrEqual(highBefore);
    expect(crashedAfter).toBeGreaterThanOrEqual(lowAfter);
    expect(crashedAfter).toBeLessThanOrEqual(highAfter);
  });

  it('delivers SQS messages twice at the configured rate', async () => {
    fixture.cloud.setFaults({ sqsDuplicateRate: 0.25 });
    const sqs = new SQSClient({});
    const n = 200;
    const QueueUrl = fixture.cloud.queueUrls.get('lc-events-local-window');
    for (let start = 0; start < n; start += 10) {
      const Entries = Array.from({ length: 10 }, (_, i) => ({
        Id: `d${i}`,
        MessageBody: JSON.stringify({ dup: start + i }),
      }));
      await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries }));
    }
    sqs.destroy();

    const deliveries = async () =>
      (
        await readJsonObjects<{ records: { messageId: string }[] }>(
          s3,
          BUCKET,
          'observations/lc-events-local-recordWindow/',
        )
      ).flatMap((batch) => batch.records.map((record) => record.messageId));
    await waitFor(
      'every message',
      async () => (new Set(await deliveries()).size >= n ? true : undefined),
      60000,
    );
    await new Promise((done) => setTimeout(done, 2500));
    const all = await deliveries();
    const [low, high] = binomialBounds(n, 0.25);

    expect(new Set(all).size).toBe(n);
    expect(all.length - n).toBeGreaterThanOrEqual(low);
    expect(all.length - n).toBeLessThanOrEqual(high);
  });

  it('kills Batch attempts like spot interruptions at the configured rate, and the retry strategy retries them', async () => {
    fixture.cloud.setFaults({ batchKillRate: 0.3, batchKillWindowMs: 300 });
    const batch = new BatchClient({});
    const { jobId } = await batch.send(
      new SubmitJobCommand({
        jobName: 'spot',
        jobQueue: 'lc-jobs-local-queue',
        jobDefinition: 'lc-jobs-local-work',
        arrayProperties: { size: 60 },
        containerOverrides: { command: ['sleep', '700'] },
      }),
    );
    await waitFor(
      'the array',
      async () => {
        const out = await batch.send(new DescribeJobsCommand({ jobs: [jobId ?? ''] }));
        return ['SUCCEEDED', 'FAILED'].includes(out.jobs?.[0]?.status ?? '') ? true : undefined;
      },
      90000,
    );
    const children: JobDetail[] = [];
    for (let start = 0; start < 60; start += 20) {
      const ids = Array.from({ length: 20 }, (_, i) => `${jobId}:${start + i}`);
      children.push(...((await batch.send(new DescribeJobsCommand({ jobs: ids }))).jobs ?? []));
    }
    batch.destroy();
    const attempts = children.flatMap((child) => child.attempts ?? []);
    const kills = attempts.filter((attempt) => attempt.statusReason?.startsWith('Host EC2'));
    const [low, high] = binomialBounds(attempts.length, 0.3);

    expect(kills.length).toBeGreaterThanOrEqual(low);
    expect(kills.length).toBeLessThanOrEqual(high);
    for (const child of children) {
      const tries = child.attempts ?? [];
      expect(tries.slice(0, -1).every((attempt) => attempt.statusReason?.startsWith('Host EC2'))).toBe(true);
      expect(child.status === 'SUCCEEDED').toBe(tries.at(-1)?.container?.exitCode === 0);
    }
  });

  it('adds the configured delay to every invocation', async () => {
    fixture.cloud.setFaults({ lambdaDelayMs: 400 });

    const started = Date.now();
    await fixture.cloud.invokeFunction('lc-events-local-sleepy', { ms: 0 });

    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
