import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { s3ObjectStore } from '@seisless/core';
import { findStateMachineArn } from './findStateMachine';
import { bucketName, type CloudSession, stateMachineName } from './session';
import type { Target } from './targetOptions';

/** A session against a deployed stage; credentials and region come from the usual AWS chain. */
export function awsSession(target: Target): CloudSession {
  const region = target.region === undefined ? {} : { region: target.region };
  const s3 = new S3Client(region);
  const sfn = new SFNClient(region);
  const bucket = bucketName(target.stage);
  let arn: Promise<string> | undefined;
  return {
    kind: 'aws',
    stage: target.stage,
    bucket,
    s3,
    sfn,
    store: s3ObjectStore(s3, bucket),
    pollSeconds: 10,
    stateMachineArn() {
      arn ??= findStateMachineArn(sfn, stateMachineName(target.stage), `in stage '${target.stage}'`);
      return arn;
    },
    jobSlotVcpus: () => undefined,
    lambdaInvocations: () => undefined,
    async stop() {
      s3.destroy();
      sfn.destroy();
    },
  };
}
