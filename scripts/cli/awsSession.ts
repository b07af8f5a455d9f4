import { BatchClient } from '@aws-sdk/client-batch';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { s3ObjectStore } from '@seisless/core';
import { EnvironmentError } from './environmentError';
import { findStateMachineArn } from './findStateMachine';
import { type EnvironmentAdvice, environmentProblem, reportEnvironmentErrors } from './sdkEnvironmentErrors';
import { bucketName, type CloudSession, stateMachineName } from './session';
import type { Target } from './targetOptions';

const CREDENTIALS_ADVICE =
  'set AWS_PROFILE (after `aws configure` or `aws sso login`) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY';

/** What to do when a deployed service does not answer: the endpoint came from the environment or from AWS. */
function unreachableAdvice(service: string, variable: string): string {
  // As the SDK does, an empty variable counts as unset, and the service's own one wins.
  const own = process.env[variable] || undefined;
  const custom = own ?? (process.env.AWS_ENDPOINT_URL || undefined);
  return custom === undefined
    ? 'check the network connection and --region'
    : `check ${own === undefined ? 'AWS_ENDPOINT_URL' : variable} (${custom}), or unset it to reach ${service} on AWS`;
}

function adviceFor(service: string, variable: string, stage: string): EnvironmentAdvice {
  return {
    service,
    unreachable: unreachableAdvice(service, variable),
    credentials: CREDENTIALS_ADVICE,
    missingBucket: `deploy stage '${stage}' first (services/submitter/README.md, "Deploying"), or check --stage and --region`,
  };
}

/**
 * Region and credentials are resolved now, before any command acts, so that their absence is one
 * line saying what to set, not the first request's failure.
 */
async function checkRegionAndCredentials(s3: S3Client, advice: EnvironmentAdvice): Promise<void> {
  try {
    await s3.config.region();
  } catch (cause) {
    throw new EnvironmentError(
      '--aws: no AWS region; pass --region <name> or set AWS_REGION (or a region in your AWS profile)',
      { cause },
    );
  }
  try {
    await s3.config.credentials();
  } catch (cause) {
    const problem = environmentProblem(cause as Error, {}, advice);
    if (problem === undefined) throw cause;
    throw new EnvironmentError(`--aws: ${problem}`, { cause });
  }
}

/** A session against a deployed stage; credentials and region come from the usual AWS chain. */
export async function awsSession(target: Target): Promise<CloudSession> {
  const region = target.region === undefined ? {} : { region: target.region };
  const s3 = new S3Client(region);
  const sfn = new SFNClient(region);
  const s3Advice = adviceFor('S3', 'AWS_ENDPOINT_URL_S3', target.stage);
  reportEnvironmentErrors(s3, s3Advice);
  reportEnvironmentErrors(sfn, adviceFor('Step Functions', 'AWS_ENDPOINT_URL_SFN', target.stage));
  try {
    await checkRegionAndCredentials(s3, s3Advice);
  } catch (error) {
    s3.destroy();
    sfn.destroy();
    throw error;
  }
  const bucket = bucketName(target.stage);
  const batch = new BatchClient(region);
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
    batch,
    jobSlotVcpus: () => undefined,
    lambdaInvocations: () => undefined,
    async stop() {
      s3.destroy();
      sfn.destroy();
      batch.destroy();
    },
  };
}
