import { ConfigError } from '@seisless/core';
import type { ServiceDocument } from './loadService';
import type { EsbuildSettings, FunctionDef, S3Subscription, SqsMapping } from './model';

type Dict = Record<string, unknown>;

/** Serverless Framework defaults when neither the provider nor the function sets them. */
const DEFAULT_TIMEOUT_S = 6;
const DEFAULT_MEMORY_MB = 1024;
/** Lambda starts five pollers per SQS event source. */
const DEFAULT_POLLERS = 5;

function stringEnvironment(value: unknown, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries((value ?? {}) as Dict)) {
    if (item !== null && typeof item === 'object') {
      throw new ConfigError(`${where}: environment ${name} is an object; expected a plain string`);
    }
    out[name] = String(item);
  }
  return out;
}

function esbuildSettings(doc: ServiceDocument): EsbuildSettings {
  const raw = (doc.custom.esbuild ?? {}) as Dict;
  if (raw.config !== undefined) {
    throw new ConfigError(`${doc.file}: custom.esbuild.config is not supported by the local cloud`);
  }
  const list = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const runtime = String(doc.provider.runtime ?? 'nodejs20.x');
  return {
    bundle: raw.bundle !== false,
    minify: raw.minify === true,
    keepNames: raw.keepNames === true,
    sourcemap: raw.sourcemap === true,
    target: String(raw.target ?? runtime.replace(/^nodejs(\d+).*$/, 'node$1')),
    platform: 'node',
    format: raw.format === 'esm' ? 'esm' : 'cjs',
    external: [...(raw.exclude === undefined ? ['aws-sdk'] : list(raw.exclude)), ...list(raw.external)],
  };
}

/** The functions a service declares, named as the Serverless Framework names them. */
export function readFunctions(doc: ServiceDocument, stage: string): FunctionDef[] {
  const esbuild = esbuildSettings(doc);
  return Object.entries(doc.functions).map(([key, fn]) => {
    if (typeof fn.handler !== 'string') {
      throw new ConfigError(`${doc.file}: functions.${key}.handler is missing; expected src/…/file.export`);
    }
    return {
      name: typeof fn.name === 'string' ? fn.name : `${doc.service}-${stage}-${key}`,
      key,
      service: doc.service,
      serviceDir: doc.dir,
      handler: fn.handler,
      timeoutS: Number(fn.timeout ?? doc.provider.timeout ?? DEFAULT_TIMEOUT_S),
      memoryMb: Number(fn.memorySize ?? doc.provider.memorySize ?? DEFAULT_MEMORY_MB),
      environment: {
        ...stringEnvironment(doc.provider.environment, `${doc.file} provider`),
        ...stringEnvironment(fn.environment, `${doc.file} functions.${key}`),
      },
      esbuild,
    };
  });
}

function events(fn: Dict): Dict[] {
  return Array.isArray(fn.events) ? (fn.events as Dict[]) : [];
}

/** SQS event-source mappings: `events: - sqs: { arn, batchSize, … }`. */
export function readSqsMappings(doc: ServiceDocument, functions: FunctionDef[]): SqsMapping[] {
  const mappings: SqsMapping[] = [];
  for (const fn of functions) {
    for (const event of events(doc.functions[fn.key] ?? {})) {
      if (event.sqs === undefined) continue;
      const spec = (typeof event.sqs === 'string' ? { arn: event.sqs } : event.sqs) as Dict;
      const queueArn = String(spec.arn);
      if (!queueArn.startsWith('arn:aws:sqs:')) {
        throw new ConfigError(
          `${doc.file}: functions.${fn.key} sqs arn '${queueArn}' is not an SQS queue ARN`,
        );
      }
      mappings.push({
        functionName: fn.name,
        queueArn,
        queueName: queueArn.split(':').pop() ?? '',
        batchSize: Number(spec.batchSize ?? 10),
        maximumBatchingWindowS: Number(spec.maximumBatchingWindow ?? 0),
        reportBatchItemFailures: spec.functionResponseType === 'ReportBatchItemFailures',
        maximumConcurrency: Number(spec.maximumConcurrency ?? DEFAULT_POLLERS),
        enabled: spec.enabled !== false,
      });
    }
  }
  return mappings;
}

/** Bucket names a service declares: `provider.s3.<key>.name`, s3 event buckets, AWS::S3::Bucket. */
export function bucketName(doc: ServiceDocument, bucket: string): string {
  const declared = ((doc.provider.s3 ?? {}) as Dict)[bucket] as Dict | undefined;
  if (declared === undefined) return bucket;
  if (typeof declared.name !== 'string') {
    throw new ConfigError(
      `${doc.file}: provider.s3.${bucket}.name is missing; the local cloud needs bucket names`,
    );
  }
  return declared.name;
}

/** S3 notifications: `events: - s3: { bucket, event, rules: [{ prefix }, { suffix }] }`. */
export function readS3Subscriptions(doc: ServiceDocument, functions: FunctionDef[]): S3Subscription[] {
  const subscriptions: S3Subscription[] = [];
  for (const fn of functions) {
    for (const event of events(doc.functions[fn.key] ?? {})) {
      if (event.s3 === undefined) continue;
      const spec = (typeof event.s3 === 'string' ? { bucket: event.s3 } : event.s3) as Dict;
      const rules = (Array.isArray(spec.rules) ? spec.rules : []) as Dict[];
      const rule = (name: string): string | undefined => {
        const found = rules.find((item) => item[name] !== undefined)?.[name];
        return found === undefined ? undefined : String(found);
      };
      subscriptions.push({
        functionName: fn.name,
        bucket: bucketName(doc, String(spec.bucket)),
        event: String(spec.event ?? 's3:ObjectCreated:*'),
        prefix: rule('prefix'),
        suffix: rule('suffix'),
      });
    }
  }
  return subscriptions;
}

/** Events that the local cloud does not emulate, as warnings. */
export function unsupportedEvents(doc: ServiceDocument): string[] {
  const warnings: string[] = [];
  for (const [key, fn] of Object.entries(doc.functions)) {
    for (const event of events(fn)) {
      for (const type of Object.keys(event)) {
        if (type !== 'sqs' && type !== 's3')
          warnings.push(`${doc.service}.${key}: '${type}' events are not emulated`);
      }
    }
  }
  return warnings;
}
