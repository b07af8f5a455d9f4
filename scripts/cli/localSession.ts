import { cpus } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BatchClient } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { s3ObjectStore } from '@seisless/core';
import type { LocalCloudOptions } from '../local-cloud/index';
import { lambdaComputeOfLogs } from '../report/measuredUsage';
import { executionRecords } from './executionRecords';
import { findStateMachineArn } from './findStateMachine';
import { lambdaLogCounter, lambdaLogReader } from './lambdaLogCounter';
import { reportEnvironmentErrors } from './sdkEnvironmentErrors';
import { bucketName, type CloudSession, stateMachineName } from './session';

export interface LocalSessionOptions {
  readonly dataDir: string;
  readonly stage: string;
  readonly faults?: unknown;
  /** Further local-cloud settings (tests: e.g. `sqsIdleWaitS`). */
  readonly cloudOptions?: LocalCloudSettings;
  /** The local cloud's own diagnostic lines. */
  readonly log?: (line: string) => void;
}

type LocalCloudModule = typeof import('../local-cloud/index');

/** How long an interrupt waits for its records (the run's state) before the cloud stops anyway. */
const INTERRUPT_RECORD_MS = 3000;

/** The local-cloud options a session may set besides its data folder, stage, faults and log. */
export type LocalCloudSettings = Partial<
  Omit<LocalCloudOptions, 'dataDir' | 'stage' | 'faults' | 'log' | 'maxVcpus'>
>;

/** Starts the embedded local cloud in this process and connects standard SDK clients to it. */
export async function localSession(options: LocalSessionOptions): Promise<CloudSession> {
  const { startLocalCloud, validateFaults } = (await import('../local-cloud/index')) as LocalCloudModule;
  const maxVcpus = cpus().length;
  const countInvocations = lambdaLogCounter(join(options.dataDir, 'lambda', 'logs'));
  const readFunctionLog = lambdaLogReader(join(options.dataDir, 'lambda', 'logs'));
  const cloud = await startLocalCloud({
    ...options.cloudOptions,
    dataDir: options.dataDir,
    stage: options.stage,
    maxVcpus,
    // A run invokes every function: warm them all before it starts (see functionsWarm), as
    // provisioned concurrency would, instead of paying ~1.4 s per cold start on its path.
    prewarmFunctions: true,
    ...(options.faults === undefined ? {} : { faults: validateFaults(options.faults, '--faults') }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
  const env = cloud.env;
  const clientConfig = {
    region: cloud.region,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'S3RVER',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'S3RVER',
    },
  };
  const s3 = new S3Client({
    ...clientConfig,
    endpoint: cloud.endpoints.s3,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const sfn = new SFNClient({ ...clientConfig, endpoint: cloud.endpoints.sfn });
  const batch = new BatchClient({ ...clientConfig, endpoint: cloud.endpoints.batch });
  const sizes = Object.fromEntries(
    cloud.wiring.functions.map((fn) => [fn.name, { memoryMb: fn.memoryMb, architecture: fn.architecture }]),
  );
  // The servers run in child processes: if one dies, say so instead of a connection error's trace.
  const stopped = `its server stopped (see ${join(options.dataDir, 'local-cloud.log')}); continue the run with \`seisless resume <runId>\``;
  const credentials = 'the local cloud sets its own credentials; unset AWS_PROFILE and AWS_* for seisless';
  // The local cloud makes its bucket from the packaged templates: a missing one is a bug.
  const local = { unreachable: stopped, credentials, missingBucket: 'please report it (a bug)' };
  reportEnvironmentErrors(s3, { service: "the local cloud's S3", ...local });
  reportEnvironmentErrors(sfn, { service: "the local cloud's Step Functions", ...local });
  const bucket = bucketName(options.stage);
  const records = executionRecords(options.dataDir);
  let arn: Promise<string> | undefined;
  const beforeStop = new Set<() => Promise<void>>();
  const interrupted = () => {
    process.stderr.write(
      '\nseisless: interrupted; stopping the local cloud (continue later with `seisless resume <runId>`)\n',
    );
    const recorded = Promise.allSettled([...beforeStop].map((action) => action()));
    void Promise.race([recorded, sleep(INTERRUPT_RECORD_MS)])
      .then(() => cloud.stop())
      .finally(() => process.exit(130));
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
      arn ??= findStateMachineArn(sfn, stateMachineName(options.stage), 'in the local cloud');
      return arn;
    },
    jobSlotVcpus: () => maxVcpus,
    functionsWarm: async () => {
      await cloud.prewarmed;
    },
    batch,
    lambdaCompute() {
      const logs: Record<string, string> = {};
      for (const name of Object.keys(sizes)) {
        const text = readFunctionLog(name);
        if (text !== undefined) logs[name] = text;
      }
      return lambdaComputeOfLogs(logs, sizes);
    },
    requestCounts: () => cloud.requestCounts(),
    lambdaInvocations: countInvocations,
    functionLog: readFunctionLog,
    whenInterrupted(action) {
      beforeStop.add(action);
      return () => beforeStop.delete(action);
    },
    recordExecution: records.record,
    recordedExecution: records.read,
    injectedFaults: () => (options.faults === undefined ? undefined : cloud.injectedFaults),
    async stop() {
      process.off('SIGINT', interrupted);
      s3.destroy();
      sfn.destroy();
      batch.destroy();
      await cloud.stop();
    },
  };
}
