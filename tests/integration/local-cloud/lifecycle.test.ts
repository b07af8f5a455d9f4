import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { BatchClient, DescribeJobsCommand, SubmitJobCommand } from '@aws-sdk/client-batch';
import { listServiceDirs, loadWiring } from '../../../scripts/local-cloud/wiring/loadWiring';
import { FIXTURES, waitFor } from './support/cloud';

jest.setTimeout(60000);

const ROOT = join(__dirname, '..', '..', '..');

/** Starts `npm run cloud`'s program and resolves with the one JSON line it prints. */
function startCloudProcess(args: string[]): { child: ChildProcess; line: Promise<Record<string, string>> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/local-cloud/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = new Promise<Record<string, string>>((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`the local cloud exited (${code}) before printing its endpoints`)),
    );
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (text) =>
      resolve(JSON.parse(text)),
    );
  });
  return { child, line };
}

function listening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Whether a process still runs (a zombie waiting for its reaper does not). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('local cloud: the `npm run cloud` process', () => {
  it('prints one JSON line with what clients need, and on SIGTERM leaves no process or port behind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seisless-lc-main-'));
    const jobs = join(FIXTURES, 'jobs');
    const { child, line } = startCloudProcess([
      '--data-dir',
      dataDir,
      '--service',
      jobs,
      '--state-machines',
      dataDir,
    ]);
    const env = await line;
    const urls = ['S3', 'SQS', 'SFN', 'BATCH'].map((name) => env[`AWS_ENDPOINT_URL_${name}`] ?? '');
    const batch = new BatchClient({
      region: env.AWS_REGION,
      endpoint: env.AWS_ENDPOINT_URL_BATCH,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
      },
    });
    const { jobId = '' } = await batch.send(
      new SubmitJobCommand({
        jobName: 'left-running',
        jobQueue: 'lc-jobs-local-queue',
        jobDefinition: 'lc-jobs-local-work',
        containerOverrides: { command: ['family', '60000'] },
      }),
    );
    const logFile = join(dataDir, 'batch', 'logs', `${jobId}.log`);
    const grandchild = await waitFor('the job to start its grandchild', async () => {
      const running =
        (await batch.send(new DescribeJobsCommand({ jobs: [jobId] }))).jobs?.[0]?.status === 'RUNNING';
      const match = running ? /grandchild (\d+)/.exec(readFileSync(logFile, 'utf8')) : null;
      return match ? Number(match[1]) : undefined;
    });
    batch.destroy();

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining([
        'AWS_REGION',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_REQUEST_CHECKSUM_CALCULATION',
        'dataDir',
      ]),
    );
    expect(urls.every((url) => url.startsWith('http://127.0.0.1:'))).toBe(true);
    expect(await Promise.all(urls.map(listening))).toEqual([false, false, false, false]);
    await waitFor('the grandchild to be gone', async () => (alive(grandchild) ? undefined : true), 3000);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows packaging progress and, once, the resource types it does not emulate', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seisless-lc-main-'));
    const { child, line } = startCloudProcess([
      '--data-dir',
      dataDir,
      '--service',
      join(FIXTURES, 'jobs'),
      '--state-machines',
      dataDir,
    ]);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

    await line;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });

    const text = stderr.join('');
    expect(text).toMatch(/packaging lc-jobs \(stage local\)… done in \d+\.\d s/);
    const deploymentBucket = 'local cloud: AWS::S3::Bucket × 1 (the deployment bucket, not emulated)';
    expect(text.split('\n').filter((entry) => entry === deploymentBucket)).toHaveLength(1);
  });

  it('refuses an unknown fault with a message naming it', async () => {
    const { child, line } = startCloudProcess(['--faults', '{"lambdaCrashRate":0.5}']);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));

    await expect(line).rejects.toThrow('exited (2)');
    expect(stderr.join('')).toContain("unknown fault 'lambdaCrashRate'");
  });
});

describe('local cloud: the project wiring', () => {
  it("reads the services' packaged templates: queues, event sources, roles, Batch, state machine", async () => {
    const wiring = await loadWiring({
      serviceDirs: listServiceDirs(join(ROOT, 'services')),
      stateMachineDir: join(ROOT, 'state-machines'),
      stage: 'local',
      region: 'us-east-1',
      accountId: '000000000000',
      rootDir: ROOT,
      cacheDir: join(ROOT, '.seisless', 'cache'),
      log: () => undefined,
    });
    const gradients = wiring.queues.find(
      (queue) => queue.name === 'seisless-gradient-reducer-local-gradients.fifo',
    );
    const deadLetters = wiring.queues.find(
      (queue) => queue.name === 'seisless-gradient-reducer-local-gradients-dlq.fifo',
    );
    const reduce = wiring.sqsMappings.find(
      (mapping) => mapping.functionName === 'seisless-gradient-reducer-local-reduce',
    );
    const compute = wiring.jobDefinitions.find(
      (definition) => definition.name === 'seisless-submitter-local-compute',
    );
    const [imaging] = wiring.stateMachines;

    expect(gradients?.attributes).toMatchObject({ FifoQueue: 'true', SqsManagedSseEnabled: 'true' });
    expect(JSON.parse(gradients?.attributes.RedrivePolicy ?? '{}').deadLetterTargetArn).toBe(
      deadLetters?.arn,
    );
    expect(reduce).toMatchObject({
      batchSize: 10,
      reportBatchItemFailures: true,
      queueName: gradients?.name,
    });
    expect(compute?.entryPoint).toEqual(['.venv/bin/python', '-m', 'seisless_compute']);
    expect(wiring.jobQueues.map((queue) => queue.name)).toContain('seisless-submitter-local-jobs');
    expect(wiring.s3Subscriptions).toEqual([
      expect.objectContaining({ bucket: 'seisless-local-data', prefix: 'runs/', suffix: '/spec.json' }),
    ]);
    expect(wiring.stateMachines.map((machine) => machine.name)).toEqual(['seisless-iterator-local-imaging']);
    expect(wiring.roles.map((role) => role.arn)).toContain(imaging?.roleArn);
    for (const fn of wiring.functions) {
      expect(fn.artifact).toMatch(/\.zip$/);
      expect(wiring.roles.map((role) => role.arn)).toContain(fn.roleArn);
    }
    expect(wiring.unsupportedResources).toContainEqual(
      expect.stringMatching(/^AWS::Logs::LogGroup × \d+ \(not emulated\)$/),
    );
  });
});
