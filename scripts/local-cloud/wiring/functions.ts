import { basename, join } from 'node:path';
import { ConfigError } from '@seisless/core';
import type { FunctionDef, LambdaPermissionDef, S3Subscription, SqsMapping } from './model';
import { functionNameOf, queueNameOf, resourcesOfType, type ServiceTemplate } from './serviceTemplate';

type Dict = Record<string, unknown>;

/** Lambda's defaults when a template leaves them out (CloudFormation passes none of its own). */
const DEFAULT_TIMEOUT_S = 3;
const DEFAULT_MEMORY_MB = 128;
/** Lambda's default for asynchronous invocations. */
const DEFAULT_ASYNC_RETRIES = 2;
/** Without ScalingConfig, an SQS event source scales to Lambda's concurrency; five pollers to start with. */
const DEFAULT_POLLERS = 5;

function stringEnvironment(value: unknown, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries((value ?? {}) as Dict)) {
    if (item !== null && typeof item === 'object') {
      throw new ConfigError(`${where}: environment ${name} is ${JSON.stringify(item)}; expected a string`);
    }
    out[name] = String(item);
  }
  return out;
}

function asyncConfigs(t: ServiceTemplate): Map<string, FunctionDef['asyncConfig']> {
  const configs = new Map<string, FunctionDef['asyncConfig']>();
  for (const [, props] of resourcesOfType(t, 'AWS::Lambda::EventInvokeConfig')) {
    const destination = ((props.DestinationConfig as Dict | undefined)?.OnFailure as Dict | undefined)
      ?.Destination;
    configs.set(functionNameOf(props.FunctionName), {
      maximumRetryAttempts: Number(props.MaximumRetryAttempts ?? DEFAULT_ASYNC_RETRIES),
      ...(props.MaximumEventAgeInSeconds !== undefined && {
        maximumEventAgeS: Number(props.MaximumEventAgeInSeconds),
      }),
      ...(destination !== undefined && { onFailure: String(destination) }),
    });
  }
  return configs;
}

/** `Architectures`: one of x86_64 (Lambda's default, also when absent) and arm64. */
function architectureOf(value: unknown, where: string): FunctionDef['architecture'] {
  if (value === undefined) return 'x86_64';
  const [only, ...more] = Array.isArray(value) ? value : [];
  if ((only === 'x86_64' || only === 'arm64') && more.length === 0) return only;
  throw new ConfigError(
    `${where}.Properties.Architectures is ${JSON.stringify(value)}; expected [x86_64] or [arm64]`,
  );
}

/** The AWS::Lambda::Function resources, each with the zip serverless packaged for it. */
export function readFunctions(t: ServiceTemplate): FunctionDef[] {
  const keys = new Map(Object.entries(t.functions).map(([key, fn]) => [fn.name, { key, fn }]));
  const async = asyncConfigs(t);
  return resourcesOfType(t, 'AWS::Lambda::Function').map(([logicalId, props]) => {
    const name = t.physical[logicalId]?.ref ?? logicalId;
    const where = `${t.file}: ${logicalId}`;
    if (typeof props.Handler !== 'string')
      throw new ConfigError(`${where}.Properties.Handler is missing; expected file.export`);
    const declared = keys.get(name);
    const packaged = declared?.fn.package?.artifact ?? String((props.Code as Dict | undefined)?.S3Key ?? '');
    if (packaged === '')
      throw new ConfigError(`${where}: no packaged code; expected Code.S3Key or a function artifact`);
    const asyncConfig = async.get(name);
    return {
      name,
      arn: t.physical[logicalId]?.attributes.Arn ?? '',
      key: declared?.key ?? logicalId.replace(/LambdaFunction$/, ''),
      service: t.service,
      serviceDir: t.serviceDir,
      handler: props.Handler,
      runtime: String(props.Runtime ?? ''),
      artifact: join(t.packageDir, basename(packaged)),
      roleArn: String(props.Role ?? ''),
      timeoutS: Number(props.Timeout ?? DEFAULT_TIMEOUT_S),
      memoryMb: Number(props.MemorySize ?? DEFAULT_MEMORY_MB),
      architecture: architectureOf(props.Architectures, where),
      environment: stringEnvironment((props.Environment as Dict | undefined)?.Variables, where),
      ...(asyncConfig && { asyncConfig }),
    };
  });
}

export function readLambdaPermissions(t: ServiceTemplate): LambdaPermissionDef[] {
  return resourcesOfType(t, 'AWS::Lambda::Permission').map(([, props]) => ({
    functionName: functionNameOf(props.FunctionName),
    action: String(props.Action),
    principal: String(props.Principal),
    ...(props.SourceArn !== undefined && { sourceArn: String(props.SourceArn) }),
    ...(props.SourceAccount !== undefined && { sourceAccount: String(props.SourceAccount) }),
  }));
}

/** SQS event source mappings; mappings of other sources (Kinesis, DynamoDB, …) become warnings. */
export function readSqsMappings(t: ServiceTemplate, warnings: string[]): SqsMapping[] {
  const mappings: SqsMapping[] = [];
  for (const [logicalId, props] of resourcesOfType(t, 'AWS::Lambda::EventSourceMapping')) {
    const queueArn = String(props.EventSourceArn ?? '');
    if (!queueArn.startsWith('arn:') || queueArn.split(':')[2] !== 'sqs') {
      warnings.push(`${t.service}.${logicalId}: event source ${queueArn || '(none)'} is not emulated`);
      continue;
    }
    const scaling = props.ScalingConfig as Dict | undefined;
    const responseTypes = Array.isArray(props.FunctionResponseTypes) ? props.FunctionResponseTypes : [];
    mappings.push({
      functionName: functionNameOf(props.FunctionName),
      queueArn,
      queueName: queueNameOf(queueArn),
      batchSize: Number(props.BatchSize ?? 10),
      maximumBatchingWindowS: Number(props.MaximumBatchingWindowInSeconds ?? 0),
      reportBatchItemFailures: responseTypes.includes('ReportBatchItemFailures'),
      maximumConcurrency: Number(scaling?.MaximumConcurrency ?? DEFAULT_POLLERS),
      enabled: props.Enabled !== false && props.Enabled !== 'false',
    });
  }
  return mappings;
}

function keyRule(config: Dict, name: string): string | undefined {
  const rules = (((config.Filter as Dict | undefined)?.S3Key as Dict | undefined)?.Rules ?? []) as Dict[];
  const rule = rules.find((item) => String(item.Name).toLowerCase() === name);
  return rule === undefined ? undefined : String(rule.Value);
}

/** Lambda notifications of the buckets; queue and topic notifications become warnings. */
export function readS3Subscriptions(t: ServiceTemplate, warnings: string[]): S3Subscription[] {
  const subscriptions: S3Subscription[] = [];
  for (const [logicalId, props] of resourcesOfType(t, 'AWS::S3::Bucket')) {
    const notifications = (props.NotificationConfiguration ?? {}) as Dict;
    const bucket = t.physical[logicalId]?.ref ?? logicalId;
    for (const kind of ['QueueConfigurations', 'TopicConfigurations', 'EventBridgeConfiguration']) {
      if (notifications[kind] !== undefined)
        warnings.push(`${t.service}.${logicalId}: ${kind} are not emulated`);
    }
    for (const config of (notifications.LambdaConfigurations ?? []) as Dict[]) {
      subscriptions.push({
        functionName: functionNameOf(config.Function),
        bucket,
        event: String(config.Event),
        prefix: keyRule(config, 'prefix'),
        suffix: keyRule(config, 'suffix'),
      });
    }
  }
  return subscriptions;
}
