import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import type { FaultConfig } from './faults';
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
  /** Waits between the retries of failed asynchronous (S3-triggered) invocations; default [1000, 2000]. */
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
