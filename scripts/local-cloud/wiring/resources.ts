import type { BucketDef, PolicyDocument, QueueDef } from './model';
import { resourcesOfType, type ServiceTemplate } from './serviceTemplate';

/** CloudFormation queue properties that are also CreateQueue attributes (same names). */
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
  'SqsManagedSseEnabled',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
] as const;

/** Attributes CloudFormation takes as JSON objects and CreateQueue as JSON strings. */
const JSON_ATTRIBUTES = ['RedrivePolicy', 'RedriveAllowPolicy'] as const;

/** The logical id serverless gives its own deployment bucket: not part of the application. */
export const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

/** The AWS::SQS::Queue resources, with their attributes as CreateQueue takes them (strings). */
export function readQueues(t: ServiceTemplate): QueueDef[] {
  return resourcesOfType(t, 'AWS::SQS::Queue').map(([logicalId, props]) => {
    const attributes: Record<string, string> = {};
    for (const key of QUEUE_ATTRIBUTES) if (props[key] !== undefined) attributes[key] = String(props[key]);
    for (const key of JSON_ATTRIBUTES) {
      const value = props[key];
      if (value !== undefined) attributes[key] = typeof value === 'string' ? value : JSON.stringify(value);
    }
    const physical = t.physical[logicalId];
    return {
      logicalId,
      service: t.service,
      name: physical?.attributes.QueueName ?? logicalId,
      arn: physical?.attributes.Arn ?? '',
      attributes,
    };
  });
}

/** The application's buckets (not serverless' deployment bucket), each with its bucket policy. */
export function readBuckets(t: ServiceTemplate): BucketDef[] {
  const policies = new Map<string, PolicyDocument>();
  for (const [, props] of resourcesOfType(t, 'AWS::S3::BucketPolicy')) {
    policies.set(String(props.Bucket), props.PolicyDocument as PolicyDocument);
  }
  return resourcesOfType(t, 'AWS::S3::Bucket')
    .filter(([logicalId]) => logicalId !== DEPLOYMENT_BUCKET)
    .map(([logicalId]) => {
      const physical = t.physical[logicalId];
      const name = physical?.ref ?? logicalId;
      const policy = policies.get(name);
      return { name, arn: physical?.attributes.Arn ?? '', ...(policy && { policy }) };
    });
}
