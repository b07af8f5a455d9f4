import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { ConfigError, s3ObjectStore } from '@seisless/core';
import { findStateMachineArn } from './findStateMachine';
import { bucketName, type CloudSession, type InvocationCounts, stateMachineName } from './session';

/** What the CLI uses of the embedded local cloud (scripts/local-cloud, `startLocalCloud`). */
export interface LocalCloud {
  readonly endpoints: Readonly<Record<string, string>>;
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
  readonly [extra: string]: unknown;
}

export interface LocalSessionOptions {
  readonly repoRoot: string;
  readonly dataDir: string;
  readonly stage: string;
  readonly faults?: unknown;
  /** Progress lines of the local cloud itself. */
  readonly log?: (line: string) => void;
}

type StartLocalCloud = (options: Record<string, unknown>) => Promise<LocalCloud>;

const ENTRY_CANDIDATES = ['index.ts', 'startLocalCloud.ts', 'localCloud.ts'];

async function loadStartLocalCloud(repoRoot: string): Promise<StartLocalCloud> {
  const dir = join(repoRoot, 'scripts', 'local-cloud');
  for (const file of ENTRY_CANDIDATES) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const module = (await import(pathToFileURL(path).href)) as { startLocalCloud?: StartLocalCloud };
    if (typeof module.startLocalCloud === 'function') return module.startLocalCloud;
  }
  throw new ConfigError(
    `${dir}: no module exporting startLocalCloud (tried ${ENTRY_CANDIDATES.join(', ')}); run \`npm run setup\``,
  );
}

/** Reads a counter the local cloud may expose: a function, a Map or a plain record of counts. */
function readCounts(source: unknown): InvocationCounts | undefined {
  const value = typeof source === 'function' ? (source as () => unknown)() : source;
  if (value instanceof Map) return Object.fromEntries(value) as InvocationCounts;
  if (value !== null && typeof value === 'object') return value as InvocationCounts;
  return undefined;
}

/** Starts the embedded local cloud in this process and connects standard SDK clients to it. */
export async function localSession(options: LocalSessionOptions): Promise<CloudSession> {
  const start = await loadStartLocalCloud(options.repoRoot);
  const cloud = await start({
    dataDir: options.dataDir,
    stage: options.stage,
    ...(options.faults === undefined ? {} : { faults: options.faults }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const env = cloud.env;
  const endpoint = (service: string, key: string) =>
    env[`AWS_ENDPOINT_URL_${key}`] ?? cloud.endpoints[service];
  const clientConfig = {
    region: env.AWS_REGION ?? 'us-east-1',
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'S3RVER',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'S3RVER',
    },
  };
  const s3 = new S3Client({
    ...clientConfig,
    endpoint: endpoint('s3', 'S3'),
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const sfn = new SFNClient({ ...clientConfig, endpoint: endpoint('sfn', 'SFN') });
  const bucket = env.SEISLESS_BUCKET ?? bucketName(options.stage);
  const name = env.SEISLESS_STATE_MACHINE_NAME ?? stateMachineName(options.stage);
  let arn: Promise<string> | undefined;
  const interrupted = () => {
    process.stderr.write(
      '\nseisless: interrupted; stopping the local cloud (continue later with `seisless resume <runId>`)\n',
    );
    void cloud.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  return {
    kind: 'local',
    stage: options.stage,
    bucket,
    s3,
    sfn,
    store: s3ObjectStore(s3, bucket),
    pollSeconds: 1,
    stateMachineArn() {
      arn ??= findStateMachineArn(sfn, name, 'in the local cloud');
      return arn;
    },
    jobSlotVcpus() {
      const batch = cloud.batch as { vcpus?: unknown } | undefined;
      const fromCloud = cloud.vcpus ?? batch?.vcpus;
      return typeof fromCloud === 'number' ? fromCloud : cpus().length;
    },
    lambdaInvocations: () => readCounts(cloud.invocations ?? cloud.invocationCounts),
    async stop() {
      process.off('SIGINT', interrupted);
      s3.destroy();
      sfn.destroy();
      await cloud.stop();
    },
  };
}
