import { existsSync, mkdtempSync, readFileSync, rmdirSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../cli/usageError';
import { type FaultConfig, validateFaults } from './faults';
import { PROJECT_ROOT } from './paths';
import { listServiceDirs } from './wiring/loadWiring';

export interface LocalCloudOptions {
  /** Where S3 objects, logs and bundles live; default `.seisless/` at the project root. */
  dataDir?: string;
  /** Service folders (each with a serverless.yml); default every folder under `services/`. */
  serviceDirs?: string[];
  /** Folder of state-machine files; default `state-machines/`. */
  stateMachineDir?: string;
  /** Project root: relative job entry points and job working directories; default this repository. */
  rootDir?: string;
  /** Serverless stage the wiring is resolved for; default `local`. */
  stage?: string;
  region?: string;
  /** Faults to inject from the start (see faults.ts); changeable later with setFaults. */
  faults?: Partial<FaultConfig>;
  /** vCPUs of the local compute environment; default the number of cores. */
  maxVcpus?: number;
  /** Fixed ports (0 = any free port, the default). */
  ports?: Partial<Record<'s3' | 'sqs' | 'sfn' | 'batch', number>>;
  /** Long-poll time (s) of an idle SQS event source; default 5. */
  sqsIdleWaitS?: number;
  /** Concurrent invocations per function; default 10. */
  lambdaMaxConcurrency?: number;
  /** Waits between retries of failed asynchronous (S3, EventBridge) invocations; default [1000, 2000]. */
  asyncRetryDelaysMs?: number[];
  /** Time between SIGTERM and SIGKILL when a job times out or is terminated; default 30000 as on Batch. */
  killGraceMs?: number;
  /** Start one execution environment of every function in the background at start-up; default false. */
  prewarmFunctions?: boolean;
  /** Packaged services (`<cacheDir>/artifacts`) and Lambda bundles; default `<dataDir>/cache`. */
  cacheDir?: string;
  /**
   * IAM enforcement: every call authorised against the caller's role from the templates (`on`, the
   * default), or every call allowed (`off`, for debugging only: what passes here may fail on AWS).
   */
  iam?: 'on' | 'off';
  /** Diagnostic lines (warnings, event-source errors); default stderr. */
  log?: (line: string) => void;
}

export type ResolvedOptions = Required<Omit<LocalCloudOptions, 'faults' | 'ports'>> &
  Pick<LocalCloudOptions, 'faults'> & {
    ports: Record<'s3' | 'sqs' | 'sfn' | 'batch', number>;
  };

/** Fills in the defaults. */
export function resolveOptions(options: LocalCloudOptions): ResolvedOptions {
  const rootDir = resolve(options.rootDir ?? PROJECT_ROOT);
  const dataDir = resolve(options.dataDir ?? join(rootDir, '.seisless'));
  return {
    dataDir,
    rootDir,
    serviceDirs: (options.serviceDirs ?? listServiceDirs(join(rootDir, 'services'))).map((dir) =>
      resolve(dir),
    ),
    stateMachineDir: resolve(options.stateMachineDir ?? join(rootDir, 'state-machines')),
    stage: options.stage ?? 'local',
    region: options.region ?? 'us-east-1',
    faults: options.faults,
    maxVcpus: options.maxVcpus ?? cpus().length,
    ports: { s3: 0, sqs: 0, sfn: 0, batch: 0, ...options.ports },
    sqsIdleWaitS: options.sqsIdleWaitS ?? 5,
    lambdaMaxConcurrency: options.lambdaMaxConcurrency ?? 10,
    asyncRetryDelaysMs: options.asyncRetryDelaysMs ?? [1000, 2000],
    killGraceMs: options.killGraceMs ?? 30000,
    prewarmFunctions: options.prewarmFunctions ?? false,
    cacheDir: resolve(options.cacheDir ?? join(dataDir, 'cache')),
    iam: options.iam ?? 'on',
    log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
  };
}

/** What `npm run cloud` starts with: the options, and the faults file to watch (if any). */
export interface CloudCommandLine {
  options: LocalCloudOptions;
  faultsFile?: string;
}

const FLAGS = {
  'data-dir': { type: 'string' },
  'cache-dir': { type: 'string' },
  stage: { type: 'string' },
  service: { type: 'string', multiple: true },
  'state-machines': { type: 'string' },
  'max-vcpus': { type: 'string' },
  faults: { type: 'string' },
  'faults-file': { type: 'string' },
  iam: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/** The environment twin of each single-valued flag. */
const ENV_TWIN = {
  'data-dir': 'SEISLESS_DATA_DIR',
  'cache-dir': 'SEISLESS_CACHE_DIR',
  stage: 'SEISLESS_STAGE',
  'max-vcpus': 'SEISLESS_MAX_VCPUS',
  faults: 'SEISLESS_FAULTS',
  'faults-file': 'SEISLESS_FAULTS_FILE',
  iam: 'SEISLESS_IAM',
} as const;

type ValueFlag = keyof typeof ENV_TWIN;

/** Usage text of `npm run cloud`. */
export const CLOUD_USAGE = [
  'usage: npm run cloud -- [options]',
  '  --data-dir <dir>        S3 objects, logs, bundles (SEISLESS_DATA_DIR; default .seisless/)',
  '  --cache-dir <dir>       packaged services and bundles (SEISLESS_CACHE_DIR; default <data-dir>/cache)',
  '  --stage <name>          serverless stage to resolve (SEISLESS_STAGE; default local)',
  '  --service <dir>         a service folder with serverless.yml (repeatable; default services/*)',
  '  --state-machines <dir>  folder of state-machine files (default state-machines/)',
  '  --max-vcpus <n>         vCPUs of the compute environment (SEISLESS_MAX_VCPUS; default cores)',
  "  --faults '<json>'       faults to inject (SEISLESS_FAULTS)",
  '  --faults-file <path>    faults file, re-read on change (SEISLESS_FAULTS_FILE)',
  '  --iam on|off            enforce IAM (SEISLESS_IAM; off is for debugging only)',
  'Exit codes: 0 stopped on SIGINT/SIGTERM, 1 failed to start or stop, 2 usage error.',
  '',
].join('\n');

/** A value and the name the person used for it (flag or environment variable), for messages. */
interface Sourced {
  value: string;
  name: string;
}

function pick(values: Record<string, unknown>, env: NodeJS.ProcessEnv, flag: ValueFlag): Sourced | undefined {
  const fromFlag = values[flag];
  if (typeof fromFlag === 'string') return { value: fromFlag, name: `--${flag}` };
  const variable = ENV_TWIN[flag];
  const fromEnv = env[variable];
  // An empty variable counts as unset, as in most shells' idiom `VAR= command`.
  return fromEnv === undefined || fromEnv === '' ? undefined : { value: fromEnv, name: variable };
}

function parseMaxVcpus(source: Sourced): number {
  const text = source.value.trim();
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${source.name}: expected a whole number of vCPUs ≥ 1, got '${source.value}'`);
  }
  return n;
}

function parseIam(source: Sourced | undefined): 'on' | 'off' {
  if (source === undefined) return 'on';
  if (source.value === 'on' || source.value === 'off') return source.value;
  throw new UsageError(`${source.name}: expected 'on' or 'off', got '${source.value}'`);
}

function parseFaultsJson(text: string, name: string): Partial<FaultConfig> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name}: not valid JSON (${(error as Error).message})`);
  }
  try {
    return validateFaults(json, name);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Reads and checks a faults file; used at start-up and again whenever the file changes. */
export function readFaultsFile(path: string, name = path): Partial<FaultConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(
      `${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return parseFaultsJson(text, name === path ? path : `${name} (${path})`);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Creates and removes an empty folder: `access(W_OK)` says yes to root even where writes fail. */
function isWritable(path: string): boolean {
  try {
    rmdirSync(mkdtempSync(join(path, '.seisless-probe-')));
    return true;
  } catch {
    return false;
  }
}

/** A data or cache folder must be a writable folder, or not exist yet inside a writable folder. */
function checkWritableDir(source: Sourced): string {
  const dir = resolve(source.value);
  if (existsSync(dir)) {
    if (!isDirectory(dir)) throw new UsageError(`${source.name}: ${dir} is not a folder`);
    if (!isWritable(dir)) throw new UsageError(`${source.name}: ${dir} is not writable`);
    return dir;
  }
  const parent = dirname(dir);
  if (!isDirectory(parent)) {
    throw new UsageError(`${source.name}: ${dir} does not exist and neither does its parent ${parent}`);
  }
  if (!isWritable(parent)) {
    throw new UsageError(`${source.name}: ${dir} does not exist and ${parent} is not writable`);
  }
  return dir;
}

function checkStage(source: Sourced | undefined): string | undefined {
  if (source === undefined) return undefined;
  // Serverless stages become part of resource names: letters, digits and hyphens.
  if (!/^[A-Za-z0-9-]+$/.test(source.value)) {
    throw new UsageError(`${source.name}: expected letters, digits and hyphens, got '${source.value}'`);
  }
  return source.value;
}

function checkServiceDir(dir: string): string {
  const path = resolve(dir);
  if (!isDirectory(path)) throw new UsageError(`--service: ${path} is not a folder`);
  if (!existsSync(join(path, 'serverless.yml'))) {
    throw new UsageError(`--service: ${path} has no serverless.yml`);
  }
  return path;
}

function checkStateMachineDir(dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  const path = resolve(dir);
  if (!isDirectory(path)) throw new UsageError(`--state-machines: ${path} is not a folder`);
  return path;
}

/**
 * `npm run cloud`'s flags and their environment twins, each checked before anything starts:
 * a bad one throws a UsageError naming the flag (or variable) and what was expected. Reads files
 * and folders only to check them; writes nothing.
 */
export function parseCloudCommandLine(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): CloudCommandLine | 'help' {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return 'help';
  for (const [flag, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? value : [value];
    if (list.some((item) => item === '')) throw new UsageError(`--${flag}: expected a value, got ''`);
  }
  const dataDir = pick(values, env, 'data-dir');
  const cacheDir = pick(values, env, 'cache-dir');
  const maxVcpus = pick(values, env, 'max-vcpus');
  const faultsJson = pick(values, env, 'faults');
  const faultsFile = pick(values, env, 'faults-file');
  const options: LocalCloudOptions = {
    dataDir: dataDir === undefined ? undefined : checkWritableDir(dataDir),
    cacheDir: cacheDir === undefined ? undefined : checkWritableDir(cacheDir),
    stage: checkStage(pick(values, env, 'stage')),
    serviceDirs: (values.service as string[] | undefined)?.map(checkServiceDir),
    stateMachineDir: checkStateMachineDir(values['state-machines'] as string | undefined),
    maxVcpus: maxVcpus === undefined ? undefined : parseMaxVcpus(maxVcpus),
    faults: {
      ...(faultsJson ? parseFaultsJson(faultsJson.value, faultsJson.name) : {}),
      ...(faultsFile ? readFaultsFile(faultsFile.value, faultsFile.name) : {}),
    },
    iam: parseIam(pick(values, env, 'iam')),
  };
  return { options, faultsFile: faultsFile?.value };
}
