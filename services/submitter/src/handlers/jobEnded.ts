import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import {
  type Env,
  lambdaHandler,
  type RunLogKeys,
  requireEnv,
  s3ObjectStore,
  sfnTaskSignal,
} from '@seisless/core';
import { jobStateChangeSchema, onJobEnded } from '../jobEnded';

/** The run bucket (wake-up record and waiter) and Step Functions' callback. */
function wakePorts(env: Env) {
  const bucket = requireEnv(env, 'SEISLESS_BUCKET', 'the data bucket name');
  return { store: s3ObjectStore(new S3Client({}), bucket), signal: sfnTaskSignal(new SFNClient({})) };
}

/** EventBridge "Batch Job State Change" (SUCCEEDED or FAILED) → wakes the job's run. */
export const handler = lambdaHandler(
  {
    service: 'seisless-submitter',
    logKeys: (event): RunLogKeys => {
      const runId = (event as { detail?: { tags?: Record<string, string> } }).detail?.tags?.['seisless:run'];
      return runId === undefined ? {} : { runId };
    },
    input: jobStateChangeSchema,
    deps: wakePorts,
  },
  (event, { deps }) => onJobEnded(event, { ...deps, now: Date.now }),
);
