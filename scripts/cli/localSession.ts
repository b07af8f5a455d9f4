import { cpus } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { s3ObjectStore } from '@seisless/core';
import { findStateMachineArn } from './findStateMachine';
import { lambdaLogCounter } from './lambdaLogCounter';
import { bucketName, type CloudSession, stateMachineName } from './session';

export interface LocalSessionOptions {
  readonly dataDir: string;
  readonly stage: string;
  readonly faults?: unknown;
  /** The local cloud's own diagnostic lines. */
  readonly log?: (line: string) => void;
}

type LocalCloudModule = typeof import('../local-cloud/index');

/** Starts the embedded local cloud in this process and connects standard SDK clients to it. */
export async function localSession(options: LocalSessionOptions): Promise<CloudSession> {
  const { startLocalCloud, validateFaults } = (await import('../local-cloud/index')) as LocalCloudModule;
  const maxVcpus = cpus().length;
  const countInvocations = lambdaLogCounter(join(options.dataDir, 'lambda', 'logs'));
  const cloud = await startLocalCloud({
    dataDir: options.dataDir,
    stage: options.stage,
    maxVcpus,
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
  const bucket = bucketName(options.stage);
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
      arn ??= findStateMachineArn(sfn, stateMachineName(options.stage), 'in the local cloud');
      return arn;
    },
    jobSlotVcpus: () => maxVcpus,
    lambdaInvocations: countInvocations,
    async stop() {
      process.off('SIGINT', interrupted);
      s3.destroy();
      sfn.destroy();
      await cloud.stop();
    },
  };
}
