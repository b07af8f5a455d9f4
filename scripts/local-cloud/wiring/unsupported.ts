import { DEPLOYMENT_BUCKET } from './resources';
import type { ServiceTemplate } from './serviceTemplate';

/** Resource types the local cloud builds something from (every other type is listed at start-up). */
const EMULATED = new Set([
  'AWS::Lambda::Function',
  'AWS::Lambda::Permission',
  'AWS::Lambda::EventSourceMapping',
  'AWS::Lambda::EventInvokeConfig',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::SQS::Queue',
  'AWS::S3::Bucket',
  'AWS::S3::BucketPolicy',
  'AWS::Batch::ComputeEnvironment',
  'AWS::Batch::JobQueue',
  'AWS::Batch::JobDefinition',
  'AWS::StepFunctions::StateMachine',
  'AWS::Events::Rule',
]);

/** One label per resource the local cloud does not emulate (its type, or what it is). */
export function unsupportedResources(t: ServiceTemplate): string[] {
  const labels: string[] = [];
  for (const [logicalId, resource] of Object.entries(t.resources)) {
    const deployment =
      logicalId === DEPLOYMENT_BUCKET ||
      (resource.Type === 'AWS::S3::BucketPolicy' &&
        resource.Properties?.Bucket === t.physical[DEPLOYMENT_BUCKET]?.ref);
    if (deployment) labels.push(`${resource.Type} (the deployment bucket)`);
    else if (!EMULATED.has(resource.Type)) labels.push(resource.Type);
  }
  return labels;
}

/** `AWS::Logs::LogGroup × 6 (not emulated)`, one line per label, most frequent first. */
export function groupUnsupported(labels: string[]): string[] {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([label, count]) => {
      const [type, note] = label.split(' (');
      return `${type} × ${count} (${note ? `${note.replace(/\)$/, '')}, ` : ''}not emulated)`;
    });
}
