/**
 * The wiring of the local cloud, read from the CloudFormation templates that `serverless package`
 * writes for each service (the deployment artifact itself), with intrinsics resolved for the local
 * account, region and partition. No part of it is read from serverless.yml a second time.
 */

/** An IAM policy document as it stands in a template, intrinsics resolved. */
export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, unknown>[] | Record<string, unknown>;
}

/** An AWS::IAM::Role of a template (or the role serverless generates for a service's functions). */
export interface RoleDef {
  logicalId: string;
  service: string;
  name: string;
  /** `arn:aws:iam::<account>:role/<name>` (with the role's Path). */
  arn: string;
  /** Services allowed to assume it (`lambda.amazonaws.com`, `states.us-east-1.amazonaws.com`, …). */
  trustedServices: string[];
  /** Inline policies by name. */
  policies: { name: string; document: PolicyDocument }[];
  /** ARNs of AWS-managed policies attached (kept for the report; not evaluated). */
  managedPolicyArns: string[];
}

export interface FunctionDef {
  /** Deployed name: `<service>-<stage>-<key>` unless the function sets `name`. */
  name: string;
  /** `arn:aws:lambda:<region>:<account>:function:<name>`. */
  arn: string;
  /** The function's key in serverless.yml (`reduce`). */
  key: string;
  service: string;
  serviceDir: string;
  /** `src/handlers/reduce.handler`: module path inside the artifact and export. */
  handler: string;
  /** `nodejs22.x`: the local cloud runs the same major version of Node. */
  runtime: string;
  /** The packaged code: the zip `serverless package` wrote for this function (absolute path). */
  artifact: string;
  /** Execution role (ARN); every call the function makes is authorised against it. */
  roleArn: string;
  timeoutS: number;
  memoryMb: number;
  /** `Architectures[0]` (x86_64 when absent): what its GB-seconds are priced at. */
  architecture: 'x86_64' | 'arm64';
  environment: Record<string, string>;
  /** Asynchronous invocation settings (AWS::Lambda::EventInvokeConfig), when declared. */
  asyncConfig?: {
    maximumRetryAttempts: number;
    maximumEventAgeS?: number;
    /** Destination ARN (SQS queue, SNS topic, Lambda function) for failed asynchronous invocations. */
    onFailure?: string;
  };
}

/** A resource-based permission of a function (AWS::Lambda::Permission). */
export interface LambdaPermissionDef {
  functionName: string;
  action: string;
  /** `s3.amazonaws.com`, an account, … */
  principal: string;
  sourceArn?: string;
  sourceAccount?: string;
}

export interface QueueDef {
  logicalId: string;
  service: string;
  name: string;
  arn: string;
  /** SQS attributes as CreateQueue takes them (strings). */
  attributes: Record<string, string>;
}

export interface SqsMapping {
  functionName: string;
  queueArn: string;
  queueName: string;
  batchSize: number;
  maximumBatchingWindowS: number;
  reportBatchItemFailures: boolean;
  maximumConcurrency: number;
  enabled: boolean;
}

export interface S3Subscription {
  functionName: string;
  bucket: string;
  /** `s3:ObjectCreated:*`, `s3:ObjectCreated:Put`, … */
  event: string;
  prefix?: string;
  suffix?: string;
}

export interface BucketDef {
  name: string;
  arn: string;
  /** The bucket policy (AWS::S3::BucketPolicy), evaluated as the bucket's resource policy. */
  policy?: PolicyDocument;
}

/** An AWS::Batch::ComputeEnvironment, as the scheduler needs it. */
export interface ComputeEnvironmentDef {
  name: string;
  arn: string;
  /** `MANAGED` or `UNMANAGED`. */
  type: string;
  state: string;
  /** `EC2`, `SPOT`, `FARGATE` or `FARGATE_SPOT`. */
  resourceType: string;
  /** Instance types or families (`c5`, `c5.4xlarge`, `optimal`). */
  instanceTypes: string[];
  minvCpus: number;
  maxvCpus: number;
  placementGroup?: string;
}

export interface JobQueueDef {
  name: string;
  arn: string;
  priority: number;
  state: string;
  /** Compute environment ARNs in the order the queue tries them. */
  computeEnvironmentOrder: { order: number; computeEnvironment: string }[];
  /** `JobStateTimeLimitActions`: what Batch does to a job left blocked in `state` with `reason`. */
  jobStateTimeLimitActions?: { action: string; maxTimeSeconds: number; reason: string; state: string }[];
}

/** A job definition in the Batch API's own (camelCase) shape, plus where its program lives locally. */
export interface JobDefinitionDef {
  name: string;
  arn: string;
  revision: number;
  type: 'container' | 'multinode';
  service: string;
  /** Program standing in for the image ENTRYPOINT (`custom.localCloud.entryPoint`), may be empty. */
  entryPoint: string[];
  /** Folder relative paths of the entry point are resolved against (the project root). */
  rootDir: string;
  properties: Record<string, unknown>;
}

export interface StateMachineDef {
  name: string;
  arn: string;
  definition: Record<string, unknown>;
  /** The service that declares it, or the file it was read from. */
  source: string;
  /** The role its Task states act under (invoking Lambdas); empty for loose files (administrator). */
  roleArn: string;
}

/** A Lambda target of an EventBridge rule: what is delivered, and to which function. */
export interface EventTargetDef {
  /** The target's `Id` within its rule. */
  id: string;
  functionName: string;
  functionArn: string;
  /** `Input`: this JSON text is delivered instead of the event. */
  input?: string;
  /** `InputPath`: the part of the event delivered (`$.detail`). */
  inputPath?: string;
}

/** An AWS::Events::Rule on the default event bus with an EventPattern (scheduled rules are not emulated). */
export interface EventRuleDef {
  logicalId: string;
  service: string;
  /** `Name`, or the name CloudFormation generates. */
  name: string;
  /** `arn:aws:events:<region>:<account>:rule/<name>`: the SourceArn of its Lambda permissions. */
  arn: string;
  /** `ENABLED` (or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`) or `DISABLED`: a DISABLED rule never matches. */
  state: string;
  /** The EventPattern as declared (already checked: only emulated operators). */
  pattern: Record<string, unknown>;
  targets: EventTargetDef[];
}

export interface Wiring {
  stage: string;
  region: string;
  accountId: string;
  partition: string;
  functions: FunctionDef[];
  roles: RoleDef[];
  lambdaPermissions: LambdaPermissionDef[];
  queues: QueueDef[];
  sqsMappings: SqsMapping[];
  s3Subscriptions: S3Subscription[];
  buckets: BucketDef[];
  computeEnvironments: ComputeEnvironmentDef[];
  jobQueues: JobQueueDef[];
  jobDefinitions: JobDefinitionDef[];
  stateMachines: StateMachineDef[];
  /** EventBridge rules of the default bus (AWS::Events::Rule). */
  eventRules: EventRuleDef[];
  /** Resource types in the templates that the local cloud does not emulate, one line each. */
  unsupportedResources: string[];
  /** Other things declared but not emulated, one line each. */
  warnings: string[];
}
