// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation and serverless ${…} strings, not templates
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PackagedService } from '../../../../scripts/local-cloud/artifact/artifactCache';
import type { ReadWiringOptions } from '../../../../scripts/local-cloud/wiring/loadWiring';

type Dict = Record<string, unknown>;

export const SCOPE: ReadWiringOptions = {
  stateMachineDir: '/nonexistent',
  stage: 'test',
  region: 'eu-west-1',
  accountId: '000000000000',
  rootDir: '/project',
};

const fnArn = (logicalId: string): Dict => ({ 'Fn::GetAtt': [logicalId, 'Arn'] });

/** A small template in the shape serverless package writes (service `demo`, stage `test`). */
export function demoTemplate(): { Resources: Record<string, Dict> } {
  return {
    Resources: {
      ServerlessDeploymentBucket: { Type: 'AWS::S3::Bucket', Properties: {} },
      WorkLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/demo-test-work' },
      },
      UploadLogGroup: {
        Type: 'AWS::Logs::LogGroup',
        Properties: { LogGroupName: '/aws/lambda/demo-test-upload' },
      },
      IamRoleLambdaExecution: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: ['lambda.amazonaws.com'] },
                Action: ['sts:AssumeRole'],
              },
            ],
          },
          Policies: [
            {
              PolicyName: { 'Fn::Join': ['-', ['demo', 'test', 'lambda']] },
              PolicyDocument: {
                Version: '2012-10-17',
                Statement: [
                  {
                    Effect: 'Allow',
                    Action: ['sqs:ReceiveMessage'],
                    Resource: [{ 'Fn::GetAtt': ['WorkQueue', 'Arn'] }],
                  },
                  {
                    Effect: 'Allow',
                    Action: 's3:GetObject',
                    Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${DataBucket}/*' },
                    Condition: {
                      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                      Bool: { 'aws:SecureTransport': 'true' },
                    },
                  },
                ],
              },
            },
          ],
          Path: '/',
          RoleName: { 'Fn::Join': ['-', ['demo', 'test', { Ref: 'AWS::Region' }, 'lambdaRole']] },
        },
      },
      ExtraPolicy: {
        Type: 'AWS::IAM::Policy',
        Properties: {
          PolicyName: 'extra',
          Roles: [{ Ref: 'IamRoleLambdaExecution' }],
          PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }] },
        },
      },
      WorkLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: {
            S3Bucket: { Ref: 'ServerlessDeploymentBucket' },
            S3Key: 'serverless/demo/test/1-2/work.zip',
          },
          Handler: 'src/work.handler',
          Runtime: 'nodejs22.x',
          FunctionName: 'demo-test-work',
          MemorySize: 512,
          Timeout: 20,
          Architectures: ['arm64'],
          Environment: { Variables: { QUEUE_URL: { Ref: 'WorkQueue' }, RETRIES: 3 } },
          Role: fnArn('IamRoleLambdaExecution'),
        },
      },
      UploadLambdaFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Code: {
            S3Bucket: { Ref: 'ServerlessDeploymentBucket' },
            S3Key: 'serverless/demo/test/1-2/upload.zip',
          },
          Handler: 'src/upload.handler',
          Runtime: 'nodejs22.x',
          FunctionName: 'demo-test-upload',
          Role: fnArn('IamRoleLambdaExecution'),
        },
      },
      UploadLambdaEvConf: {
        Type: 'AWS::Lambda::EventInvokeConfig',
        Properties: {
          FunctionName: { Ref: 'UploadLambdaFunction' },
          Qualifier: '$LATEST',
          MaximumRetryAttempts: 1,
          DestinationConfig: { OnFailure: { Destination: fnArn('WorkDeadLetterQueue') } },
        },
      },
      WorkEventSourceMappingSQSWorkQueue: {
        Type: 'AWS::Lambda::EventSourceMapping',
        Properties: {
          BatchSize: 7,
          MaximumBatchingWindowInSeconds: 2,
          EventSourceArn: fnArn('WorkQueue'),
          FunctionName: fnArn('WorkLambdaFunction'),
          Enabled: true,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: 3 },
        },
      },
      WorkQueue: {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: 'demo-test-work.fifo',
          FifoQueue: true,
          VisibilityTimeout: 120,
          SqsManagedSseEnabled: true,
          RedrivePolicy: { deadLetterTargetArn: fnArn('WorkDeadLetterQueue'), maxReceiveCount: 4 },
        },
      },
      WorkDeadLetterQueue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'demo-test-dlq' } },
      DataBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          BucketName: 'demo-test-data',
          NotificationConfiguration: {
            LambdaConfigurations: [
              {
                Event: 's3:ObjectCreated:*',
                Function: fnArn('UploadLambdaFunction'),
                Filter: {
                  S3Key: {
                    Rules: [
                      { Name: 'prefix', Value: 'in/' },
                      { Name: 'suffix', Value: '.json' },
                    ],
                  },
                },
              },
            ],
          },
        },
      },
      DataBucketPolicy: {
        Type: 'AWS::S3::BucketPolicy',
        Properties: {
          Bucket: { Ref: 'DataBucket' },
          PolicyDocument: {
            Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }],
          },
        },
      },
      UploadPermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: fnArn('UploadLambdaFunction'),
          Action: 'lambda:InvokeFunction',
          Principal: 's3.amazonaws.com',
          SourceArn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::demo-test-data']] },
          SourceAccount: { Ref: 'AWS::AccountId' },
        },
      },
      Spot: {
        Type: 'AWS::Batch::ComputeEnvironment',
        Properties: {
          ComputeEnvironmentName: 'demo-test-spot',
          Type: 'MANAGED',
          ComputeResources: { Type: 'SPOT', MinvCpus: 0, MaxvCpus: 64, InstanceTypes: ['c5'] },
        },
      },
      Jobs: {
        Type: 'AWS::Batch::JobQueue',
        Properties: {
          JobQueueName: 'demo-test-jobs',
          Priority: 2,
          ComputeEnvironmentOrder: [{ Order: 1, ComputeEnvironment: { Ref: 'Spot' } }],
        },
      },
      JobRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          Path: '/batch/',
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: 'ecs-tasks.amazonaws.com' },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        },
      },
      Compute: {
        Type: 'AWS::Batch::JobDefinition',
        Properties: {
          JobDefinitionName: 'demo-test-compute',
          Type: 'container',
          Parameters: { Code: '0' },
          ContainerProperties: {
            Image: 'demo:latest',
            Command: ['run', 'Ref::Code'],
            JobRoleArn: fnArn('JobRole'),
            Environment: [{ Name: 'QUEUE', Value: { 'Fn::GetAtt': ['WorkQueue', 'QueueName'] } }],
          },
        },
      },
      Machine: {
        Type: 'AWS::StepFunctions::StateMachine',
        Properties: {
          StateMachineName: 'demo-test-flow',
          RoleArn: fnArn('MachineRole'),
          DefinitionString: {
            'Fn::Sub':
              '{"StartAt":"Work","States":{"Work":{"Type":"Task","Resource":"arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:demo-test-work","End":true}}}',
          },
        },
      },
      MachineRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Principal: { Service: { 'Fn::Sub': 'states.${AWS::Region}.amazonaws.com' } },
                Action: 'sts:AssumeRole',
              },
            ],
          },
          Policies: [
            {
              PolicyName: 'steps',
              PolicyDocument: {
                Statement: [
                  { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: fnArn('WorkLambdaFunction') },
                ],
              },
            },
          ],
        },
      },
    },
  };
}

export const DEMO_STATE = {
  service: {
    service: 'demo',
    custom: { localCloud: { entryPoint: ['node', 'job.js'] } },
    functions: {
      work: { name: 'demo-test-work', package: { artifact: '.serverless/work.zip' } },
      upload: { name: 'demo-test-upload', package: { artifact: '.serverless/upload.zip' } },
    },
  },
};

/** Writes a template and serverless-state.json where serverless package would, as a cache entry. */
export function packagedTemplate(template: unknown, state: unknown = DEMO_STATE): PackagedService {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-template-'));
  writeFileSync(join(dir, 'cloudformation-template-update-stack.json'), JSON.stringify(template));
  writeFileSync(join(dir, 'serverless-state.json'), JSON.stringify(state));
  return { serviceDir: '/project/services/demo', dir, hash: 'test', pulledIn: [] };
}
