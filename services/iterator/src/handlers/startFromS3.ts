import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import middy from '@middy/core';
import type { Context, S3Event } from 'aws-lambda';
import { config, store } from '../ports';
import { type StartExecution, startFromS3Record } from '../startFromS3';

const sfn = new SFNClient({});

/** The state machine's ARN, from this function's own ARN (same region and account). */
function stateMachineArn(context: Context): string {
  const [, partition, , region, account] = context.invokedFunctionArn.split(':');
  return `arn:${partition}:states:${region}:${account}:stateMachine:${config.stateMachineName}`;
}

export const handler = middy(async (event: S3Event, context: Context) => {
  const startExecution: StartExecution = async (name, input) => {
    const command = new StartExecutionCommand({
      stateMachineArn: stateMachineArn(context),
      name,
      input: JSON.stringify(input),
    });
    return (await sfn.send(command)).executionArn ?? '';
  };
  return Promise.all(
    event.Records.map((r) =>
      startFromS3Record(r.s3.object.key, { store, startExecution, now: () => new Date() }),
    ),
  );
});
