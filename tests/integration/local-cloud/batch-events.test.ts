import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchClient, SubmitJobCommand } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import type { EventBridgeEvent } from 'aws-lambda';
import { batchHelpers, finished } from './support/batch';
import { type FixtureCloud, readJsonObjects, startFixtureCloud, useCloudEnvironment } from './support/cloud';

jest.setTimeout(120000);

const QUEUE = 'lc-batch-events-local-queue';
const OTHER_QUEUE = 'lc-batch-events-local-other-queue';
const DEFINITION = 'lc-batch-events-local-exit';
const FUNCTION = 'lc-batch-events-local-jobEnded';
const BUCKET = 'lc-local-batch-events';
const QUEUE_ARN = `arn:aws:batch:us-east-1:000000000000:job-queue/${QUEUE}`;

type Observation = {
  functionName: string;
  event: EventBridgeEvent<'Batch Job State Change', Record<string, unknown>>;
};

describe('local cloud: EventBridge delivers Batch job state changes to Lambda', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let batch: BatchClient;
  let s3: S3Client;
  const log: string[] = [];

  beforeAll(async () => {
    fixture = await startFixtureCloud(['batch-events'], { maxVcpus: 2, log: (line) => log.push(line) });
    restoreEnv = useCloudEnvironment(fixture.cloud);
    batch = new BatchClient({});
    s3 = new S3Client({ forcePathStyle: true });
  });

  afterAll(async () => {
    batch?.destroy();
    s3?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  const submit = async (jobName: string, jobQueue: string, code: string) => {
    const out = await batch.send(
      new SubmitJobCommand({
        jobName,
        jobQueue,
        jobDefinition: DEFINITION,
        parameters: { code },
        tags: { run: `run-${jobName}` },
      }),
    );
    return out.jobId ?? '';
  };

  it('invokes the rule’s function exactly once for a job that succeeds and once for one that fails', async () => {
    const helpers = batchHelpers(batch, () => fixture.dataDir);
    const succeeds = await submit('succeeds', QUEUE, '0');
    const fails = await submit('fails', QUEUE, '3');
    const elsewhere = await submit('elsewhere', OTHER_QUEUE, '0');

    const ends = await Promise.all([succeeds, fails, elsewhere].map((id) => helpers.until(id, finished)));
    await fixture.cloud.eventsIdle();
    const observed = await readJsonObjects<Observation>(s3, BUCKET, `observations/${FUNCTION}/`);
    const byJob = (jobId: string) => observed.filter((item) => item.event.detail.jobId === jobId);
    const starts = readFileSync(join(fixture.dataDir, 'lambda', 'logs', `${FUNCTION}.log`), 'utf8').match(
      /^START RequestId:/gm,
    );

    expect(ends.map(({ job }) => job.status)).toEqual(['SUCCEEDED', 'FAILED', 'SUCCEEDED']);
    expect(observed).toHaveLength(2);
    expect(byJob(succeeds)).toHaveLength(1);
    expect(byJob(fails)).toHaveLength(1);
    expect(byJob(elsewhere)).toHaveLength(0);
    expect(byJob(succeeds)[0]?.event).toMatchObject({
      version: '0',
      'detail-type': 'Batch Job State Change',
      source: 'aws.batch',
      account: '000000000000',
      region: 'us-east-1',
      resources: [`arn:aws:batch:us-east-1:000000000000:job/${succeeds}`],
      detail: { jobId: succeeds, status: 'SUCCEEDED', jobQueue: QUEUE_ARN, tags: { run: 'run-succeeds' } },
    });
    expect(byJob(fails)[0]?.event.detail).toMatchObject({
      jobId: fails,
      status: 'FAILED',
      jobQueue: QUEUE_ARN,
      tags: { run: 'run-fails' },
      attempts: [expect.objectContaining({ container: expect.objectContaining({ exitCode: 3 }) })],
    });
    expect(starts).toHaveLength(2);
    expect(log.filter((line) => line.startsWith('events:'))).toEqual([]);
  });
});
