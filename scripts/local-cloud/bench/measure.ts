import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';

export type CloudEnv = Record<string, string>;

const seconds = (since: number): number => (performance.now() - since) / 1000;
const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

function config(env: CloudEnv, endpoint: string | undefined) {
  return {
    region: env.AWS_REGION,
    endpoint,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  };
}

async function inParallel(
  count: number,
  width: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) await task(index);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function sendAll(sqs: SQSClient, QueueUrl: string, messages: number): Promise<void> {
  await inParallel(messages / 10, 8, (batch) =>
    sqs.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: Array.from({ length: 10 }, (_, i) => ({
          Id: `m${i}`,
          MessageBody: `message ${batch * 10 + i}`,
        })),
      }),
    ),
  );
}

/** Messages per second through send (batches of 10), receive and delete, by SDK clients. */
export async function sqsRoundTrip(env: CloudEnv, messages: number): Promise<number> {
  const sqs = new SQSClient(config(env, env.AWS_ENDPOINT_URL_SQS));
  const { QueueUrl = '' } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'lc-bench-local-plain' }));
  const started = performance.now();
  await sendAll(sqs, QueueUrl, messages);
  let received = 0;
  await inParallel(8, 8, async () => {
    while (received < messages) {
      const out = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      const entries = (out.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle }));
      received += entries.length;
      if (entries.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: entries }));
    }
  });
  const rate = messages / seconds(started);
  sqs.destroy();
  return rate;
}

async function drained(sqs: SQSClient, QueueUrl: string): Promise<void> {
  for (;;) {
    const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    const left =
      Number(out.Attributes?.ApproximateNumberOfMessages) +
      Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible);
    if (left === 0) return;
    await new Promise((done) => setTimeout(done, 20));
  }
}

/** Messages per second from SendMessageBatch until an event-source mapping has handed all to a no-op function. */
export async function sqsThroughEventSource(env: CloudEnv, messages: number): Promise<number> {
  const sqs = new SQSClient(config(env, env.AWS_ENDPOINT_URL_SQS));
  const { QueueUrl = '' } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'lc-bench-local-fed' }));
  await sendAll(sqs, QueueUrl, 50);
  await drained(sqs, QueueUrl);
  const started = performance.now();
  await sendAll(sqs, QueueUrl, messages);
  await drained(sqs, QueueUrl);
  const rate = messages / seconds(started);
  sqs.destroy();
  return rate;
}

/** MiB/s of PutObject and GetObject of one object of `megabytes` MiB (median of `runs`). */
export async function s3Transfer(
  env: CloudEnv,
  megabytes: number,
  runs: number,
): Promise<{ put: number; get: number }> {
  const s3 = new S3Client({
    ...config(env, env.AWS_ENDPOINT_URL_S3),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const body = Buffer.alloc(megabytes * 1024 * 1024, 7);
  const puts: number[] = [];
  const gets: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    let started = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: 'lc-bench-local', Key: 'bench/object.bin', Body: body }));
    puts.push(megabytes / seconds(started));
    started = performance.now();
    const got = await s3.send(new GetObjectCommand({ Bucket: 'lc-bench-local', Key: 'bench/object.bin' }));
    const bytes = await got.Body?.transformToByteArray();
    gets.push((bytes?.length ?? 0) / 1024 / 1024 / seconds(started));
  }
  s3.destroy();
  return { put: median(puts), get: median(gets) };
}

/** Seconds from SubmitJob to a DescribeJobs that says SUCCEEDED, for a job running `true` (median). */
export async function emptyJobOverhead(env: CloudEnv, runs: number): Promise<number> {
  const batch = new BatchClient(config(env, env.AWS_ENDPOINT_URL_BATCH));
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    const { jobId = '' } = await batch.send(
      new SubmitJobCommand({
        jobName: `empty-${run}`,
        jobQueue: 'lc-bench-local-jobs',
        jobDefinition: 'lc-bench-local-empty',
      }),
    );
    for (;;) {
      const job = (await batch.send(new DescribeJobsCommand({ jobs: [jobId] }))).jobs?.[0];
      if (job?.status === 'SUCCEEDED') break;
      if (job?.status === 'FAILED') throw new Error(`the empty job failed: ${job.statusReason}`);
      await new Promise((done) => setTimeout(done, 5));
    }
    times.push(seconds(started));
  }
  batch.destroy();
  return median(times);
}

export { median };
