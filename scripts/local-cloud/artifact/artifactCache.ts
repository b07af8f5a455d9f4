import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { artifactCacheKey } from './cacheKey';
import { claimEntry, entryInUse } from './entryUsers';
import { withFolderLock } from './folderLock';
import { type PackageCommand, packageService } from './packageService';

/** One service's deployment artifact, as `serverless package` wrote it. */
export interface PackagedService {
  serviceDir: string;
  /** Holds cloudformation-template-update-stack.json, serverless-state.json and the function zips. */
  dir: string;
  hash: string;
  /** Files its serverless.yml pulls in with `${file(…)}` (absolute): state machines claimed by it. */
  pulledIn: string[];
}

export interface ArtifactCacheOptions {
  /** Entries live in `<cacheDir>/artifacts/<service folder>/<hash>/`. */
  cacheDir: string;
  rootDir: string;
  stage: string;
  region: string;
  log: (line: string) => void;
  /** Services packaged at once (each run of `serverless package` takes a core for ~7 s); default 2. */
  concurrency?: number;
  /** Writes one service's artifact into `outDir`; default `serverless package` (tests pass their own). */
  packager?: (command: PackageCommand) => Promise<void>;
}

/** What an entry was built for, so pruning removes only entries this one supersedes. */
interface EntryKey {
  serviceDir: string;
  stage: string;
  region: string;
}

const KEY_FILE = 'local-cloud-key.json';
const TEMP_PREFIX = '.tmp-';
/** A temporary folder this old belongs to a packaging that died. */
const STALE_TEMP_MS = 60 * 60 * 1000;

function serviceName(serviceDir: string): string {
  const text = readFileSync(join(serviceDir, 'serverless.yml'), 'utf8');
  return /^service:\s*['"]?([^'"\s#]+)/m.exec(text)?.[1] ?? basename(serviceDir);
}

function readEntryKey(entry: string): EntryKey | undefined {
  try {
    return JSON.parse(readFileSync(join(entry, KEY_FILE), 'utf8')) as EntryKey;
  } catch {
    return undefined;
  }
}

/**
 * Removes the entries of the same service, stage and region that `keep` supersedes (unless a
 * running cloud still uses one), and temporary folders of packagings that died.
 */
function prune(folder: string, keep: string, key: EntryKey): void {
  for (const name of readdirSync(folder)) {
    const path = join(folder, name);
    if (name === keep) continue;
    if (name.startsWith(TEMP_PREFIX)) {
      if (Date.now() - statSync(path).mtimeMs > STALE_TEMP_MS) rmSync(path, { recursive: true, force: true });
      continue;
    }
    const other = readEntryKey(path);
    const same =
      other?.serviceDir === key.serviceDir && other.stage === key.stage && other.region === key.region;
    if (same && !entryInUse(path)) {
      rmSync(path, { recursive: true, force: true });
    }
  }
}

/** Packages into a temporary folder, then renames it into place: readers never see half an entry. */
async function build(serviceDir: string, entry: string, options: ArtifactCacheOptions): Promise<void> {
  const folder = join(entry, '..');
  const temp = join(folder, `${TEMP_PREFIX}${basename(entry)}-${process.pid}-${Date.now()}`);
  const label = `packaging ${serviceName(serviceDir)} (stage ${options.stage})…`;
  options.log(label);
  const started = Date.now();
  try {
    const packager = options.packager ?? packageService;
    await packager({
      serviceDir,
      outDir: temp,
      stage: options.stage,
      region: options.region,
      rootDir: options.rootDir,
    });
    const key: EntryKey = { serviceDir, stage: options.stage, region: options.region };
    writeFileSync(join(temp, KEY_FILE), `${JSON.stringify(key)}\n`);
    renameSync(temp, entry);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Another cloud renamed the same entry into place first: theirs is as good as ours.
    if (!existsSync(entry)) throw error;
  }
  options.log(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function ensure(serviceDir: string, options: ArtifactCacheOptions): Promise<PackagedService> {
  const key = artifactCacheKey({ serviceDir, ...options });
  const folder = join(options.cacheDir, 'artifacts', basename(serviceDir));
  const entry = join(folder, key.hash);
  if (!existsSync(entry)) {
    mkdirSync(folder, { recursive: true });
    await withFolderLock(
      serviceDir,
      async () => {
        if (!existsSync(entry)) await build(serviceDir, entry, options);
      },
      () => options.log(`packaging ${serviceName(serviceDir)}: waiting for another cloud packaging it…`),
    );
  }
  claimEntry(entry);
  prune(folder, key.hash, { serviceDir, stage: options.stage, region: options.region });
  return { serviceDir, dir: entry, hash: key.hash, pulledIn: key.pulledIn };
}

/**
 * The packaged artifact of every service: taken from the cache when its inputs are unchanged,
 * else built with `serverless package` (at most `concurrency` at a time), in the given order.
 */
export async function packagedServices(
  serviceDirs: string[],
  options: ArtifactCacheOptions,
): Promise<PackagedService[]> {
  const results: PackagedService[] = new Array(serviceDirs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < serviceDirs.length; index = next++) {
      results[index] = await ensure(serviceDirs[index] as string, options);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency ?? 2, serviceDirs.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
