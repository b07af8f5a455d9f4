/**
 * `npm run bench:local-cloud`: start-up time of `npm run cloud`, SQS throughput, S3 put/get of a
 * 50 MB object and the overhead of an empty Batch job. Human lines first; the LAST line is one JSON
 * object (startup_s, sqs_msgs_per_s, sqs_event_source_msgs_per_s, s3_put_MBps, s3_get_MBps,
 * batch_job_overhead_s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  type CloudEnv,
  emptyJobOverhead,
  median,
  s3Transfer,
  sqsRoundTrip,
  sqsThroughEventSource,
} from './bench/measure';
import { LOCAL_CLOUD_DIR, PROJECT_ROOT } from './paths';
import { listServiceDirs } from './wiring/loadWiring';

const STARTS = 3;
const MESSAGES = 2000;
const OBJECT_MB = 50;

interface Running {
  child: ChildProcess;
  env: CloudEnv;
  startup: number;
}

/** Starts the `npm run cloud` program and times it until it prints its endpoints. */
function startCloud(dataDir: string): Promise<Running> {
  const services = [
    ...listServiceDirs(join(PROJECT_ROOT, 'services')),
    join(LOCAL_CLOUD_DIR, 'bench', 'fixture'),
  ];
  const args = ['--import', 'tsx', join(LOCAL_CLOUD_DIR, 'main.ts'), '--data-dir', dataDir];
  const started = performance.now();
  const child = spawn(process.execPath, [...args, ...services.flatMap((dir) => ['--service', dir])], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`npm run cloud exited (${code}) before printing its endpoints`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) => {
      resolve({ child, env: JSON.parse(line) as CloudEnv, startup: (performance.now() - started) / 1000 });
    });
  });
}

function stopCloud(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'seisless-bench-'));
  const startups: number[] = [];
  let cloud: Running | undefined;
  for (let run = 0; run < STARTS; run += 1) {
    if (cloud) await stopCloud(cloud.child);
    cloud = await startCloud(dataDir);
    startups.push(cloud.startup);
    console.log(`start-up ${run + 1}: ${cloud.startup.toFixed(2)} s`);
  }
  if (!cloud) throw new Error('the local cloud did not start');
  const sqs = await sqsRoundTrip(cloud.env, MESSAGES);
  console.log(`SQS send+receive+delete: ${sqs.toFixed(0)} messages/s (${MESSAGES} messages, batches of 10)`);
  const esm = await sqsThroughEventSource(cloud.env, MESSAGES);
  console.log(`SQS through an event source to a no-op function: ${esm.toFixed(0)} messages/s`);
  const s3 = await s3Transfer(cloud.env, OBJECT_MB, 3);
  console.log(`S3 ${OBJECT_MB} MiB object: put ${s3.put.toFixed(0)} MiB/s, get ${s3.get.toFixed(0)} MiB/s`);
  const overhead = await emptyJobOverhead(cloud.env, 10);
  console.log(`Batch empty job, submit to SUCCEEDED: ${(overhead * 1000).toFixed(0)} ms`);
  await stopCloud(cloud.child);
  rmSync(dataDir, { recursive: true, force: true });
  const result = {
    startup_s: round(median(startups), 3),
    sqs_msgs_per_s: round(sqs, 0),
    sqs_event_source_msgs_per_s: round(esm, 0),
    s3_put_MBps: round(s3.put, 1),
    s3_get_MBps: round(s3.get, 1),
    batch_job_overhead_s: round(overhead, 3),
    cores: cpus().length,
  };
  console.log(JSON.stringify(result));
}

main().catch((error: Error) => {
  console.error(`bench: ${error.message}`);
  process.exit(1);
});
