// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation and serverless ${…} strings, not templates
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWiring } from '../../../../scripts/local-cloud/wiring/loadWiring';
import { demoTemplate, packagedTemplate, SCOPE } from './packagedTemplate';

const ACCOUNT = '000000000000';

describe('readWiring: the packaged template', () => {
  const pkg = packagedTemplate(demoTemplate());
  const wiring = readWiring([pkg], SCOPE);

  it('reads functions with their zip, role, limits and environment (Refs as CloudFormation returns them)', () => {
    const work = wiring.functions.find((fn) => fn.name === 'demo-test-work');

    expect(work).toEqual({
      name: 'demo-test-work',
      arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-test-work`,
      key: 'work',
      service: 'demo',
      serviceDir: '/project/services/demo',
      handler: 'src/work.handler',
      runtime: 'nodejs22.x',
      artifact: join(pkg.dir, 'work.zip'),
      roleArn: `arn:aws:iam::${ACCOUNT}:role/demo-test-eu-west-1-lambdaRole`,
      timeoutS: 20,
      memoryMb: 512,
      architecture: 'arm64',
      environment: {
        QUEUE_URL: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/demo-test-work.fifo`,
        RETRIES: '3',
      },
    });
  });

  it("gives a function without limits Lambda's defaults and its EventInvokeConfig", () => {
    const upload = wiring.functions.find((fn) => fn.name === 'demo-test-upload');

    expect(upload).toMatchObject({ timeoutS: 3, memoryMb: 128, architecture: 'x86_64', environment: {} });
    expect(upload?.asyncConfig).toEqual({
      maximumRetryAttempts: 1,
      onFailure: `arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-dlq`,
    });
  });

  it('refuses an architecture Lambda does not have, naming the property', () => {
    const template = demoTemplate();
    const work = template.Resources.WorkLambdaFunction as { Properties: Record<string, unknown> };
    work.Properties.Architectures = ['riscv64'];

    expect(() => readWiring([packagedTemplate(template)], SCOPE)).toThrow(
      /WorkLambdaFunction\.Properties\.Architectures is \["riscv64"\]; expected \[x86_64\] or \[arm64\]/,
    );
  });

  it('reads roles with inline policies, attached AWS::IAM::Policy, trust, path and managed policies', () => {
    const lambdaRole = wiring.roles.find((role) => role.logicalId === 'IamRoleLambdaExecution');
    const jobRole = wiring.roles.find((role) => role.logicalId === 'JobRole');
    const machineRole = wiring.roles.find((role) => role.logicalId === 'MachineRole');

    expect(lambdaRole?.trustedServices).toEqual(['lambda.amazonaws.com']);
    expect(lambdaRole?.policies.map((policy) => policy.name)).toEqual(['demo-test-lambda', 'extra']);
    expect(lambdaRole?.policies[0]?.document.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['sqs:ReceiveMessage'],
        Resource: [`arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-work.fifo`],
      },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::demo-test-data/*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
          Bool: { 'aws:SecureTransport': 'true' },
        },
      },
    ]);
    expect(jobRole?.arn).toMatch(
      new RegExp(`^arn:aws:iam::${ACCOUNT}:role/batch/demo-test-JobRole-[0-9A-F]{12}$`),
    );
    expect(jobRole?.managedPolicyArns).toEqual(['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(machineRole?.trustedServices).toEqual(['states.eu-west-1.amazonaws.com']);
  });

  it('reads queues as CreateQueue takes them and the SQS event source mapping', () => {
    const work = wiring.queues.find((queue) => queue.name === 'demo-test-work.fifo');

    expect(work?.attributes).toEqual({
      FifoQueue: 'true',
      VisibilityTimeout: '120',
      SqsManagedSseEnabled: 'true',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-dlq`,
        maxReceiveCount: 4,
      }),
    });
    expect(wiring.sqsMappings).toEqual([
      {
        functionName: 'demo-test-work',
        queueArn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-work.fifo`,
        queueName: 'demo-test-work.fifo',
        batchSize: 7,
        maximumBatchingWindowS: 2,
        reportBatchItemFailures: true,
        maximumConcurrency: 3,
        enabled: true,
      },
    ]);
  });

  it('reads buckets with their policy, notifications and the permission S3 invokes under', () => {
    expect(wiring.buckets).toEqual([
      {
        name: 'demo-test-data',
        arn: 'arn:aws:s3:::demo-test-data',
        policy: { Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] },
      },
    ]);
    expect(wiring.s3Subscriptions).toEqual([
      {
        functionName: 'demo-test-upload',
        bucket: 'demo-test-data',
        event: 's3:ObjectCreated:*',
        prefix: 'in/',
        suffix: '.json',
      },
    ]);
    expect(wiring.lambdaPermissions).toEqual([
      {
        functionName: 'demo-test-upload',
        action: 'lambda:InvokeFunction',
        principal: 's3.amazonaws.com',
        sourceArn: 'arn:aws:s3:::demo-test-data',
        sourceAccount: ACCOUNT,
      },
    ]);
  });

  it('reads Batch resources: environments, queues with environment ARNs, camelCase job definitions', () => {
    const environmentArn = `arn:aws:batch:eu-west-1:${ACCOUNT}:compute-environment/demo-test-spot`;

    expect(wiring.computeEnvironments).toEqual([
      {
        name: 'demo-test-spot',
        arn: environmentArn,
        type: 'MANAGED',
        state: 'ENABLED',
        resourceType: 'SPOT',
        instanceTypes: ['c5'],
        minvCpus: 0,
        maxvCpus: 64,
      },
    ]);
    expect(wiring.jobQueues).toMatchObject([
      {
        name: 'demo-test-jobs',
        arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-queue/demo-test-jobs`,
        priority: 2,
        state: 'ENABLED',
        computeEnvironmentOrder: [{ order: 1, computeEnvironment: environmentArn }],
      },
    ]);
    const [compute] = wiring.jobDefinitions;
    expect(compute).toMatchObject({
      name: 'demo-test-compute',
      arn: `arn:aws:batch:eu-west-1:${ACCOUNT}:job-definition/demo-test-compute:1`,
      type: 'container',
      entryPoint: ['node', 'job.js'],
      rootDir: '/project',
      properties: {
        parameters: { Code: '0' },
        containerProperties: {
          command: ['run', 'Ref::Code'],
          jobRoleArn: wiring.roles.find((role) => role.logicalId === 'JobRole')?.arn,
          environment: [{ name: 'QUEUE', value: 'demo-test-work.fifo' }],
        },
      },
    });
  });

  it('reads the state machine with its definition substituted and its role', () => {
    expect(wiring.stateMachines).toEqual([
      {
        name: 'demo-test-flow',
        arn: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:demo-test-flow`,
        definition: {
          StartAt: 'Work',
          States: {
            Work: {
              Type: 'Task',
              Resource: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-test-work`,
              End: true,
            },
          },
        },
        source: 'demo',
        roleArn: wiring.roles.find((role) => role.logicalId === 'MachineRole')?.arn,
      },
    ]);
  });

  it('lists what it does not emulate, grouped, the deployment bucket named as such', () => {
    expect(wiring.unsupportedResources).toEqual([
      'AWS::Logs::LogGroup × 2 (not emulated)',
      'AWS::S3::Bucket × 1 (the deployment bucket, not emulated)',
    ]);
    expect(wiring.warnings).toEqual([]);
  });
});

describe('readWiring: state-machine files no service pulls in', () => {
  it('loads them under their file name with the stage and pseudo parameters, without a role', () => {
    const folder = mkdtempSync(join(tmpdir(), 'seisless-machines-'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'hold.yml'),
      'StartAt: Hold\nStates:\n  Hold:\n    Type: Pass\n    Result: { stage: ${sls:stage}, region: "#{AWS::Region}" }\n    End: true\n',
    );
    writeFileSync(join(folder, 'claimed.yml'), 'StartAt: A\nStates: {}\n');
    const claimed = { ...packagedTemplate({ Resources: {} }), pulledIn: [join(folder, 'claimed.yml')] };

    const wiring = readWiring([claimed], { ...SCOPE, stateMachineDir: folder });

    expect(wiring.stateMachines).toEqual([
      {
        name: 'hold',
        arn: `arn:aws:states:eu-west-1:${ACCOUNT}:stateMachine:hold`,
        definition: {
          StartAt: 'Hold',
          States: { Hold: { Type: 'Pass', Result: { stage: 'test', region: 'eu-west-1' }, End: true } },
        },
        source: join(folder, 'hold.yml'),
        roleArn: '',
      },
    ]);
  });
});
