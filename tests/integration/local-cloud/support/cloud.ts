import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../../../scripts/local-cloud';

export const FIXTURES = resolve(__dirname, '..', '..', 'fixtures', 'local-cloud');

/** Function bundles are cached across test runs (the fixtures rarely change). */
const BUNDLE_CACHE = join(tmpdir(), 'seisless-local-cloud-test-bundles');

export interface FixtureCloud {
  cloud: LocalCloud;
  dataDir: string;
  /** Stops the cloud and removes its data folder. */
  close(): Promise<void>;
}

/** Starts a local cloud on fixture services (folder names under fixtures/local-cloud) in a fresh data folder. */
export async function startFixtureCloud(
  services: string[],
  options: LocalCloudOptions = {},
): Promise<FixtureCloud> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'seisless-lc-'));
  const cloud = await startLocalCloud({
    serviceDirs: services.map((name) => join(FIXTURES, name)),
    stateMachineDir: join(FIXTURES, 'state-machines'),
    cacheDir: BUNDLE_CACHE,
    log: () => undefined,
    ...options,
    dataDir,
  });
  return {
    cloud,
    dataDir,
    close: async () => {
      await cloud.stop();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/** Every object under a prefix (all pages), parsed as JSON, oldest key first. */
export async function readJsonObjects<T>(s3: S3Client, bucket: string, prefix: string): Promise<T[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  keys.sort();
  return Promise.all(
    keys.map(async (Key) => {
      const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
      return JSON.parse((await object.Body?.transformToString()) ?? 'null') as T;
    }),
  );
}

/**
 * Puts the local cloud's variables into this process's environment, so that `new S3Client({})`
 * and friends find it exactly as handlers and jobs do. Returns a function restoring the old values.
 */
export function useCloudEnvironment(cloud: LocalCloud): () => void {
  const previous = Object.fromEntries(Object.keys(cloud.env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, cloud.env);
  return () => {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
