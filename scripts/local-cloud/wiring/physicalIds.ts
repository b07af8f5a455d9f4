import { createHash } from 'node:crypto';

/** What Ref and Fn::GetAtt of a resource return, as CloudFormation would for the local account. */
export interface Physical {
  ref: string;
  attributes: Record<string, string>;
}

export interface StackScope {
  stackName: string;
  region: string;
  accountId: string;
  partition: string;
}

/** The property that names a resource of each type (else CloudFormation generates a name). */
export const NAME_PROPERTY: Readonly<Record<string, string>> = {
  'AWS::SQS::Queue': 'QueueName',
  'AWS::S3::Bucket': 'BucketName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::Policy': 'PolicyName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::StepFunctions::StateMachine': 'StateMachineName',
  'AWS::Batch::ComputeEnvironment': 'ComputeEnvironmentName',
  'AWS::Batch::JobQueue': 'JobQueueName',
  'AWS::Batch::JobDefinition': 'JobDefinitionName',
  'AWS::Batch::SchedulingPolicy': 'Name',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::CloudWatch::Alarm': 'AlarmName',
  'AWS::Events::Rule': 'Name',
  'AWS::EC2::PlacementGroup': 'GroupName',
};

/** Deterministic stand-in for the random part of generated names and ids (same stack, same id). */
export function fakeId(scope: StackScope, logicalId: string, length: number): string {
  return createHash('sha256').update(`${scope.stackName}/${logicalId}`).digest('hex').slice(0, length);
}

/** The name CloudFormation generates when the template gives none (`<stack>-<LogicalId>-<RANDOM>`). */
export function generatedName(
  type: string,
  logicalId: string,
  scope: StackScope,
  props: Record<string, unknown>,
): string {
  const suffix = fakeId(scope, logicalId, 12).toUpperCase();
  switch (type) {
    case 'AWS::StepFunctions::StateMachine':
    case 'AWS::Batch::ComputeEnvironment':
    case 'AWS::Batch::JobQueue':
      return `${logicalId}-${suffix}`;
    case 'AWS::S3::Bucket':
      return `${scope.stackName}-${logicalId}-${suffix}`.toLowerCase().slice(0, 63);
    case 'AWS::SQS::Queue': {
      const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
      return `${scope.stackName}-${logicalId}-${suffix}`.slice(0, fifo ? 75 : 80) + (fifo ? '.fifo' : '');
    }
    default:
      return `${scope.stackName}-${logicalId}-${suffix}`.slice(0, 64);
  }
}

function iamPath(props: Record<string, unknown>): string {
  return typeof props.Path === 'string' ? props.Path : '/';
}

type Builder = (name: string, props: Record<string, unknown>, s: StackScope, id: string) => Physical;

const regional = (s: StackScope, service: string) =>
  `arn:${s.partition}:${service}:${s.region}:${s.accountId}`;

const BUILDERS: Readonly<Record<string, Builder>> = {
  'AWS::SQS::Queue': (name, _p, s) => {
    const url = `https://sqs.${s.region}.amazonaws.com/${s.accountId}/${name}`;
    return { ref: url, attributes: { Arn: `${regional(s, 'sqs')}:${name}`, QueueName: name, QueueUrl: url } };
  },
  'AWS::S3::Bucket': (name, _p, s) => ({
    ref: name,
    attributes: {
      Arn: `arn:${s.partition}:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${s.region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${s.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${s.region}.amazonaws.com`,
    },
  }),
  'AWS::IAM::Role': (name, p, s, id) => ({
    ref: name,
    attributes: {
      Arn: `arn:${s.partition}:iam::${s.accountId}:role${iamPath(p)}${name}`,
      RoleId: `AROA${fakeId(s, id, 17).toUpperCase()}`,
    },
  }),
  'AWS::IAM::InstanceProfile': (name, p, s) => ({
    ref: name,
    attributes: { Arn: `arn:${s.partition}:iam::${s.accountId}:instance-profile${iamPath(p)}${name}` },
  }),
  'AWS::IAM::ManagedPolicy': (name, p, s) => {
    const arn = `arn:${s.partition}:iam::${s.accountId}:policy${iamPath(p)}${name}`;
    return { ref: arn, attributes: { PolicyArn: arn } };
  },
  'AWS::Lambda::Function': (name, _p, s) => ({
    ref: name,
    attributes: { Arn: `${regional(s, 'lambda')}:function:${name}` },
  }),
  'AWS::Logs::LogGroup': (name, _p, s) => ({
    ref: name,
    attributes: { Arn: `${regional(s, 'logs')}:log-group:${name}:*` },
  }),
  'AWS::StepFunctions::StateMachine': (name, _p, s) => {
    const arn = `${regional(s, 'states')}:stateMachine:${name}`;
    return { ref: arn, attributes: { Arn: arn, Name: name } };
  },
  'AWS::Batch::ComputeEnvironment': (name, _p, s) => {
    const arn = `${regional(s, 'batch')}:compute-environment/${name}`;
    return { ref: arn, attributes: { ComputeEnvironmentArn: arn } };
  },
  'AWS::Batch::JobQueue': (name, _p, s) => {
    const arn = `${regional(s, 'batch')}:job-queue/${name}`;
    return { ref: arn, attributes: { JobQueueArn: arn } };
  },
  'AWS::Batch::JobDefinition': (name, _p, s) => ({
    ref: `${regional(s, 'batch')}:job-definition/${name}:1`,
    attributes: {},
  }),
  'AWS::Batch::SchedulingPolicy': (name, _p, s) => {
    const arn = `${regional(s, 'batch')}:scheduling-policy/${name}`;
    return { ref: arn, attributes: { Arn: arn } };
  },
  'AWS::ECR::Repository': (name, _p, s) => ({
    ref: name,
    attributes: {
      Arn: `${regional(s, 'ecr')}:repository/${name}`,
      RepositoryUri: `${s.accountId}.dkr.ecr.${s.region}.amazonaws.com/${name}`,
    },
  }),
  'AWS::SNS::Topic': (name, _p, s) => {
    const arn = `${regional(s, 'sns')}:${name}`;
    return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
  },
  'AWS::CloudWatch::Alarm': (name, _p, s) => ({
    ref: name,
    attributes: { Arn: `${regional(s, 'cloudwatch')}:alarm:${name}` },
  }),
  'AWS::Events::Rule': (name, _p, s) => ({
    ref: name,
    attributes: { Arn: `${regional(s, 'events')}:rule/${name}` },
  }),
  'AWS::EC2::PlacementGroup': (name) => ({ ref: name, attributes: { GroupName: name } }),
};

/** Resources whose Ref is a generated id with a type prefix (`sg-0abc…`). */
const ID_PREFIX: Readonly<Record<string, string>> = {
  'AWS::EC2::SecurityGroup': 'sg-',
  'AWS::EC2::VPC': 'vpc-',
  'AWS::EC2::Subnet': 'subnet-',
  'AWS::EC2::InternetGateway': 'igw-',
  'AWS::EC2::RouteTable': 'rtb-',
  'AWS::EC2::NatGateway': 'nat-',
  'AWS::EC2::LaunchTemplate': 'lt-',
  'AWS::EC2::VPCEndpoint': 'vpce-',
};

/** Ref and GetAtt values of one resource; `name` is its resolved name property, if it has one. */
export function physicalOf(
  logicalId: string,
  resource: { Type: string; Properties?: Record<string, unknown> },
  name: string | undefined,
  scope: StackScope,
): Physical {
  const props = resource.Properties ?? {};
  const builder = BUILDERS[resource.Type];
  if (builder) {
    return builder(name ?? generatedName(resource.Type, logicalId, scope, props), props, scope, logicalId);
  }
  const prefix = ID_PREFIX[resource.Type];
  if (prefix) {
    const id = `${prefix}0${fakeId(scope, logicalId, 16)}`;
    const attributes: Record<string, string> = { GroupId: id, Id: id };
    if (typeof props.VpcId === 'string') attributes.VpcId = props.VpcId;
    if (resource.Type === 'AWS::EC2::LaunchTemplate') {
      Object.assign(attributes, {
        LaunchTemplateId: id,
        LatestVersionNumber: '1',
        DefaultVersionNumber: '1',
      });
    }
    return { ref: id, attributes };
  }
  return { ref: name ?? generatedName(resource.Type, logicalId, scope, props), attributes: {} };
}
