/** The wiring of the local cloud, read from the services' serverless.yml and state-machine files. */

/** The `custom.esbuild` settings of a service, as serverless-esbuild reads them. */
export interface EsbuildSettings {
  bundle: boolean;
  minify: boolean;
  keepNames: boolean;
  sourcemap: boolean;
  target: string;
  platform: 'node';
  format: 'cjs' | 'esm';
  /** Packages left out of the bundle (serverless-esbuild `exclude` and `external`). */
  external: string[];
}

export interface FunctionDef {
  /** Deployed name: `<service>-<stage>-<key>` unless the function sets `name`. */
  name: string;
  key: string;
  service: string;
  serviceDir: string;
  /** `src/handlers/reduce.handler`: module path (relative to serviceDir) and export. */
  handler: string;
  timeoutS: number;
  memoryMb: number;
  environment: Record<string, string>;
  esbuild: EsbuildSettings;
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

export interface JobQueueDef {
  name: string;
  arn: string;
  priority: number;
  state: string;
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
}

export interface Wiring {
  stage: string;
  region: string;
  accountId: string;
  functions: FunctionDef[];
  queues: QueueDef[];
  sqsMappings: SqsMapping[];
  s3Subscriptions: S3Subscription[];
  buckets: string[];
  jobQueues: JobQueueDef[];
  jobDefinitions: JobDefinitionDef[];
  stateMachines: StateMachineDef[];
  /** Things declared but not emulated (an `http` event, …), one line each. */
  warnings: string[];
}
