import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type Env, lambdaHandler, s3LogKeys } from '@seisless/core';
import type { Context, S3Event } from 'aws-lambda';
import { type IteratorPorts, iteratorPorts } from '../ports';
import { type StartExecution, startFromS3Record } from '../startFromS3';

/** The iterator's ports and a Step Functions client, built once per cold start. */
function startPorts(env: Env): IteratorPorts & { readonly sfn: SFNClient } {
  return { ...iteratorPorts(env), sfn: new SFNClient({}) };
}

/** The state machine's ARN, from this function's own ARN (same region and account). */
function stateMachineArn(context: Context, stateMachineName: string): string {
  const [, partition, , region, account] = context.invokedFunctionArn.split(':');
  return `arn:${partition}:states:${region}:${account}:stateMachine:${stateMachineName}`;
}

/** S3 `runs/{runId}/spec.json` → one execution per new run (asynchronous: the log is the only output). */
export const handler = lambdaHandler(
  { service: 'seisless-iterator', logKeys: s3LogKeys, deps: startPorts },
  async (event: S3Event, { context, logger, deps: { config, store, objects, sfn } }) => {
    const startExecution: StartExecution = async (name, input) => {
      const command = new StartExecutionCommand({
        stateMachineArn: stateMachineArn(context, config.stateMachineName),
        name,
        input: JSON.stringify(input),
      });
      return (await sfn.send(command)).executionArn ?? '';
    };
    const outcomes = await Promise.all(
      event.Records.map((r) =>
        startFromS3Record(r.s3.object.key, { store, objects, startExecution, now: () => new Date() }),
      ),
    );
    for (const outcome of outcomes) {
      if (outcome.error !== undefined) logger.warn('spec rejected', outcome);
      else logger.info(outcome.executionArn === undefined ? 'run already started' : 'run started', outcome);
      for (const warning of outcome.warnings ?? [])
        logger.warn('spec warning', { runId: outcome.runId, warning });
    }
    return outcomes;
  },
);
