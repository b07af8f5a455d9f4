import { createHash } from 'node:crypto';
import type { ComputeEnvironmentDef } from '../wiring/model';

/**
 * The ECS cluster AWS Batch creates for a compute environment: `<name>_Batch_<uuid>` in the same
 * account and region. Jobs show their environment through it (task and container-instance ARNs).
 */
export function ecsClusterArn(environment: ComputeEnvironmentDef): string {
  const hex = createHash('sha256').update(environment.arn).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const [, partition = 'aws', , region = '', account = ''] = environment.arn.split(':');
  return `arn:${partition}:ecs:${region}:${account}:cluster/${environment.name}_Batch_${uuid}`;
}

/** ARNs of one attempt's ECS task and container instance in the environment's cluster. */
export function attemptArns(
  environment: ComputeEnvironmentDef | undefined,
  jobId: string,
  attempt: number,
): { taskArn: string; containerInstanceArn: string } {
  const cluster = environment ? ecsClusterArn(environment) : 'arn:aws:ecs:local:000000000000:cluster/local';
  const [prefix, clusterName] = cluster.split(':cluster/');
  const id = createHash('sha256').update(`${jobId}/${attempt}`).digest('hex').slice(0, 32);
  return {
    taskArn: `${prefix}:task/${clusterName}/${id}`,
    containerInstanceArn: `${prefix}:container-instance/${clusterName}/${id.split('').reverse().join('')}`,
  };
}
