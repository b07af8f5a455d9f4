import { LocalIam } from '../../../../scripts/local-cloud/iam/localIam';
import type {
  FunctionDef,
  RoleDef,
  StateMachineDef,
  Wiring,
} from '../../../../scripts/local-cloud/wiring/model';

const ACCOUNT = '000000000000';
const QUEUE = `arn:aws:sqs:us-east-1:${ACCOUNT}:gradients.fifo`;
const arnOf = (name: string) => `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${name}`;

function role(name: string, statements: Record<string, unknown>[]): RoleDef {
  return {
    logicalId: name,
    service: 's',
    name,
    arn: `arn:aws:iam::${ACCOUNT}:role/${name}`,
    trustedServices: ['lambda.amazonaws.com'],
    policies: [{ name: 'p', document: { Version: '2012-10-17', Statement: statements } }],
    managedPolicyArns: [],
  };
}

const fn = (name: string, roleName: string) =>
  ({ name, arn: arnOf(name), roleArn: `arn:aws:iam::${ACCOUNT}:role/${roleName}` }) as FunctionDef;

const mapping = (functionName: string) => ({
  functionName,
  queueArn: QUEUE,
  queueName: 'gradients.fifo',
  batchSize: 10,
  maximumBatchingWindowS: 0,
  reportBatchItemFailures: true,
  maximumConcurrency: 5,
  enabled: true,
});

function wiring(): Wiring {
  const poll = {
    Effect: 'Allow',
    Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
    Resource: QUEUE,
  };
  return {
    stage: 'local',
    region: 'us-east-1',
    accountId: ACCOUNT,
    partition: 'aws',
    functions: [
      fn('reduce', 'reducer'),
      fn('lazy', 'receiver'),
      fn('start', 'starter'),
      fn('orphan', 'starter'),
    ],
    roles: [
      role('reducer', [poll]),
      role('receiver', [{ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: QUEUE }]),
      role('starter', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]),
      role('machine', [{ Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: arnOf('start') }]),
    ],
    lambdaPermissions: [
      {
        functionName: 'start',
        action: 'lambda:InvokeFunction',
        principal: 's3.amazonaws.com',
        sourceArn: 'arn:aws:s3:::data',
        sourceAccount: ACCOUNT,
      },
    ],
    queues: [],
    sqsMappings: [mapping('reduce'), mapping('lazy')],
    s3Subscriptions: [
      { functionName: 'start', bucket: 'data', event: 's3:ObjectCreated:*' },
      { functionName: 'orphan', bucket: 'data', event: 's3:ObjectCreated:*' },
    ],
    buckets: [{ name: 'data', arn: 'arn:aws:s3:::data' }],
    computeEnvironments: [],
    jobQueues: [],
    jobDefinitions: [],
    stateMachines: [],
    eventRules: [],
    unsupportedResources: [],
    warnings: [],
  };
}

describe('LocalIam', () => {
  it('runs only the event sources AWS would run, saying why the others do not', async () => {
    const lines: string[] = [];
    const iam = new LocalIam(wiring(), true, (line) => lines.push(line));

    const permitted = await iam.permittedEventSources((line) => lines.push(line));

    expect(permitted.sqsMappings.map((m) => m.functionName)).toEqual(['reduce']);
    expect(permitted.s3Subscriptions.map((s) => s.functionName)).toEqual(['start']);
    expect(lines.join('\n')).toContain(
      'event source mapping gradients.fifo → lazy does not run: The provided execution role does not have permissions to call DeleteMessage on SQS',
    );
    expect(lines.join('\n')).toContain('S3 notification data s3:ObjectCreated:* → orphan does not run');
  });

  it("authorises a Task's invocation under the state machine's role; a machine without one acts as admin", async () => {
    const iam = new LocalIam(wiring(), true, () => undefined);
    const machine = {
      name: 'm',
      arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m',
      roleArn: `arn:aws:iam::${ACCOUNT}:role/machine`,
    } as StateMachineDef;

    await expect(iam.authorizeInvoke(machine, 'run-1', 'start')).resolves.toBeUndefined();
    await expect(iam.authorizeInvoke(machine, 'run-1', 'reduce')).resolves.toBe(
      `User: arn:aws:sts::${ACCOUNT}:assumed-role/machine/run-1 is not authorized to perform: lambda:InvokeFunction on resource: ${arnOf('reduce')} because no identity-based policy allows the lambda:InvokeFunction action`,
    );
    await expect(
      iam.authorizeInvoke({ ...machine, roleArn: '' }, 'run-1', 'reduce'),
    ).resolves.toBeUndefined();
  });

  it('reports per role what was used and which grants were not', async () => {
    const iam = new LocalIam(wiring(), true, () => undefined);

    await iam.permittedEventSources(() => undefined);
    const report = iam.usageReport();

    expect(report[`arn:aws:iam::${ACCOUNT}:role/reducer`]).toEqual({
      role: 'reducer',
      actions: {
        'sqs:DeleteMessage': [QUEUE],
        'sqs:GetQueueAttributes': [QUEUE],
        'sqs:ReceiveMessage': [QUEUE],
      },
      grants: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
      unusedGrants: [],
    });
    expect(report[`arn:aws:iam::${ACCOUNT}:role/starter`]?.unusedGrants).toEqual(['s3:GetObject']);
  });

  it('lets everything through with IAM off', async () => {
    const iam = new LocalIam(wiring(), false, () => undefined);

    const permitted = await iam.permittedEventSources(() => undefined);

    expect(permitted.sqsMappings).toHaveLength(2);
    expect(permitted.s3Subscriptions).toHaveLength(2);
  });
});
