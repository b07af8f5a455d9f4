import { ConfigError } from '@seisless/core';
import type { ServiceDocument } from './loadService';
import type { JobDefinitionDef, JobQueueDef, QueueDef } from './model';

type Dict = Record<string, unknown>;

export interface Scope {
  region: string;
  accountId: string;
  rootDir: string;
}

/** CloudFormation queue properties that are also SQS queue attributes. */
const QUEUE_ATTRIBUTES = [
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
] as const;

function resourcesOfType(doc: ServiceDocument, type: string): [string, Dict][] {
  return Object.entries(doc.resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([logicalId, resource]) => [logicalId, resource.Properties ?? {}]);
}

function requireName(doc: ServiceDocument, logicalId: string, props: Dict, property: string): string {
  const name = props[property];
  if (typeof name !== 'string' || name === '') {
    throw new ConfigError(
      `${doc.file}: ${logicalId}.Properties.${property} is missing; the local cloud needs names`,
    );
  }
  return name;
}

/** The AWS::SQS::Queue resources of a service, with their attributes in CreateQueue form. */
export function readQueues(doc: ServiceDocument, scope: Scope): QueueDef[] {
  return resourcesOfType(doc, 'AWS::SQS::Queue').map(([logicalId, props]) => {
    const name = requireName(doc, logicalId, props, 'QueueName');
    const attributes: Record<string, string> = {};
    for (const key of QUEUE_ATTRIBUTES) if (props[key] !== undefined) attributes[key] = String(props[key]);
    if (props.RedrivePolicy !== undefined) attributes.RedrivePolicy = JSON.stringify(props.RedrivePolicy);
    const arn = `arn:aws:sqs:${scope.region}:${scope.accountId}:${name}`;
    return { logicalId, service: doc.service, name, arn, attributes };
  });
}

/** The AWS::S3::Bucket resources of a service. */
export function readBucketResources(doc: ServiceDocument): string[] {
  return resourcesOfType(doc, 'AWS::S3::Bucket').map(([logicalId, props]) =>
    requireName(doc, logicalId, props, 'BucketName'),
  );
}

export function readJobQueues(doc: ServiceDocument, scope: Scope): JobQueueDef[] {
  return resourcesOfType(doc, 'AWS::Batch::JobQueue').map(([logicalId, props]) => {
    const name = requireName(doc, logicalId, props, 'JobQueueName');
    return {
      name,
      arn: `arn:aws:batch:${scope.region}:${scope.accountId}:job-queue/${name}`,
      priority: Number(props.Priority ?? 1),
      state: String(props.State ?? 'ENABLED'),
    };
  });
}

/** Keys whose children are user data (left as written) rather than API members. */
const USER_MAPS = new Set(['parameters', 'tags']);

/** CloudFormation's PascalCase properties in the Batch API's camelCase. */
export function camelCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCaseKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Dict = {};
  for (const [key, item] of Object.entries(value)) {
    const camel = key.charAt(0).toLowerCase() + key.slice(1);
    out[camel] = USER_MAPS.has(camel) ? item : camelCaseKeys(item);
  }
  return out;
}

function entryPoint(doc: ServiceDocument): string[] {
  const raw = ((doc.custom.localCloud ?? {}) as Dict).entryPoint;
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length === 0) {
    throw new ConfigError(`${doc.file}: custom.localCloud.entryPoint must be a non-empty list of strings`);
  }
  return raw.map(String);
}

export function readJobDefinitions(doc: ServiceDocument, scope: Scope): JobDefinitionDef[] {
  return resourcesOfType(doc, 'AWS::Batch::JobDefinition').map(([logicalId, props]) => {
    const name = requireName(doc, logicalId, props, 'JobDefinitionName');
    const properties = camelCaseKeys(props) as Dict;
    const type = properties.type === 'multinode' ? 'multinode' : 'container';
    if (type === 'container' && properties.containerProperties === undefined) {
      throw new ConfigError(`${doc.file}: ${logicalId} has no ContainerProperties`);
    }
    if (type === 'multinode' && properties.nodeProperties === undefined) {
      throw new ConfigError(`${doc.file}: ${logicalId} is multinode but has no NodeProperties`);
    }
    return {
      name,
      arn: `arn:aws:batch:${scope.region}:${scope.accountId}:job-definition/${name}:1`,
      revision: 1,
      type,
      service: doc.service,
      entryPoint: entryPoint(doc),
      rootDir: scope.rootDir,
      properties,
    };
  });
}
