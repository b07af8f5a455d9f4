import { ConfigError } from '@seisless/core';

/** One CloudFormation resource of `resources.Resources`, variables already resolved. */
export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}

export interface IntrinsicContext {
  file: string;
  resources: Readonly<Record<string, CfnResource>>;
  region: string;
  accountId: string;
  /** Base URL of the SQS endpoint, for `!Ref <Queue>` (queue URLs); unknown before start-up. */
  sqsEndpoint?: string;
}

/** Resolves `Ref`, `Fn::GetAtt` and `Fn::Split` (the intrinsics the services use) everywhere in a value. */
export function resolveIntrinsics(value: unknown, ctx: IntrinsicContext): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveIntrinsics(item, ctx));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [first] = entries;
  if (entries.length === 1 && first) {
    const [key, argument] = first;
    if (key === 'Ref') return resolveRef(String(argument), ctx);
    if (key === 'Fn::GetAtt') return resolveGetAtt(argument, ctx);
    if (key === 'Fn::Split') return resolveSplit(resolveIntrinsics(argument, ctx), ctx);
    if (key.startsWith('Fn::')) throw new ConfigError(`${ctx.file}: unsupported intrinsic '${key}'`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, item] of entries) out[key] = resolveIntrinsics(item, ctx);
  return out;
}

function resource(logicalId: string, ctx: IntrinsicContext): CfnResource {
  const found = ctx.resources[logicalId];
  if (!found) throw new ConfigError(`${ctx.file}: no resource '${logicalId}' under resources.Resources`);
  return found;
}

function nameOf(logicalId: string, property: string, ctx: IntrinsicContext): string {
  const value = resource(logicalId, ctx).Properties?.[property];
  return typeof value === 'string' ? value : logicalId;
}

function arn(service: string, resourcePart: string, ctx: IntrinsicContext, global = false): string {
  return `arn:aws:${service}:${global ? '' : ctx.region}:${ctx.accountId}:${resourcePart}`;
}

function resolveRef(logicalId: string, ctx: IntrinsicContext): string {
  if (logicalId === 'AWS::Region') return ctx.region;
  if (logicalId === 'AWS::AccountId') return ctx.accountId;
  const { Type } = resource(logicalId, ctx);
  switch (Type) {
    case 'AWS::SQS::Queue':
      if (ctx.sqsEndpoint === undefined) {
        throw new ConfigError(
          `${ctx.file}: !Ref ${logicalId} (a queue URL) is not known here; use !GetAtt .Arn`,
        );
      }
      return `${ctx.sqsEndpoint}/${ctx.accountId}/${nameOf(logicalId, 'QueueName', ctx)}`;
    case 'AWS::S3::Bucket':
      return nameOf(logicalId, 'BucketName', ctx);
    case 'AWS::IAM::Role':
      return nameOf(logicalId, 'RoleName', ctx);
    case 'AWS::IAM::InstanceProfile':
      return nameOf(logicalId, 'InstanceProfileName', ctx);
    case 'AWS::Batch::JobQueue':
      return arn('batch', `job-queue/${nameOf(logicalId, 'JobQueueName', ctx)}`, ctx);
    case 'AWS::Batch::JobDefinition':
      return arn('batch', `job-definition/${nameOf(logicalId, 'JobDefinitionName', ctx)}:1`, ctx);
    case 'AWS::Batch::ComputeEnvironment':
      return arn('batch', `compute-environment/${nameOf(logicalId, 'ComputeEnvironmentName', ctx)}`, ctx);
    default:
      throw new ConfigError(`${ctx.file}: !Ref ${logicalId}: resources of type ${Type} are not supported`);
  }
}

function resolveGetAtt(argument: unknown, ctx: IntrinsicContext): string {
  const [logicalId, attribute] = Array.isArray(argument) ? argument.map(String) : [];
  if (!logicalId || !attribute) {
    throw new ConfigError(
      `${ctx.file}: !GetAtt ${JSON.stringify(argument)}: expected <LogicalId>.<Attribute>`,
    );
  }
  const { Type } = resource(logicalId, ctx);
  const key = `${Type}.${attribute}`;
  switch (key) {
    case 'AWS::SQS::Queue.Arn':
      return arn('sqs', nameOf(logicalId, 'QueueName', ctx), ctx);
    case 'AWS::SQS::Queue.QueueName':
      return nameOf(logicalId, 'QueueName', ctx);
    case 'AWS::SQS::Queue.QueueUrl':
      return resolveRef(logicalId, ctx);
    case 'AWS::S3::Bucket.Arn':
      return `arn:aws:s3:::${nameOf(logicalId, 'BucketName', ctx)}`;
    case 'AWS::IAM::Role.Arn':
      return arn('iam', `role/${nameOf(logicalId, 'RoleName', ctx)}`, ctx, true);
    case 'AWS::IAM::InstanceProfile.Arn':
      return arn('iam', `instance-profile/${nameOf(logicalId, 'InstanceProfileName', ctx)}`, ctx, true);
    default:
      throw new ConfigError(`${ctx.file}: !GetAtt ${logicalId}.${attribute} (${Type}) is not supported`);
  }
}

function resolveSplit(argument: unknown, ctx: IntrinsicContext): string[] {
  if (!Array.isArray(argument) || argument.length !== 2) {
    throw new ConfigError(`${ctx.file}: !Split ${JSON.stringify(argument)}: expected [delimiter, string]`);
  }
  const [delimiter, text] = argument;
  return String(text).split(String(delimiter));
}
