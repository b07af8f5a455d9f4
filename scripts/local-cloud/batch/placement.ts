import type { ComputeEnvironmentDef, JobQueueDef } from '../wiring/model';
import { instanceTypesOf, reservableMemoryMib } from './instanceTypes';
import type { Job } from './model';

/** What a job asks of one instance (one node of a multi-node job). */
export interface JobRequirements {
  vcpus: number;
  /** MiB; 0 when the job names none. */
  memoryMib: number;
  /** Multi-node jobs: the number of nodes (each on its own instance). */
  numNodes?: number;
}

/** One node's vCPUs and memory, and the node count, of a job. */
export function requirementsOf(job: Job): JobRequirements {
  return { vcpus: job.container.vcpus, memoryMib: job.container.memory ?? 0, numNodes: job.numNodes };
}

/**
 * Status reasons AWS Batch sets on a RUNNABLE job that blocks its queue (AWS Batch User Guide,
 * "Jobs stuck in RUNNABLE due to misconfiguration"). The job stays RUNNABLE until it is cancelled.
 */
export const BLOCKED_REASONS = {
  jobResourceRequirement:
    'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.',
  computeEnvironmentMaxResource:
    'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet the CPU requirement of the job.',
} as const;

/** Why one compute environment cannot take a job (`undefined`: it can). */
export type Unfit = 'disabled' | 'multi-node' | 'instance' | 'max-vcpus';

/** Where a job goes: an environment, or a blocked job with its reason and the local detail. */
export type Placement =
  | { kind: 'placed'; environment: ComputeEnvironmentDef }
  /** An environment that could take the job exists but none is placeable now: no reason, as on AWS. */
  | { kind: 'waiting'; detail: string }
  | { kind: 'blocked'; statusReason: string; detail: string };

const isSpot = (environment: ComputeEnvironmentDef): boolean =>
  environment.resourceType === 'SPOT' || environment.resourceType === 'FARGATE_SPOT';
export const isFargate = (environment: ComputeEnvironmentDef): boolean =>
  environment.resourceType.startsWith('FARGATE');

/** Whether some instance type of the environment holds one node of the job (unknown types do). */
function instanceFits(environment: ComputeEnvironmentDef, job: JobRequirements): boolean {
  if (environment.type === 'UNMANAGED' || isFargate(environment)) return true;
  return environment.instanceTypes.some((entry) => {
    const types = instanceTypesOf(entry);
    if (types === undefined) return true;
    return types.some((type) => type.vcpus >= job.vcpus && reservableMemoryMib(type) >= job.memoryMib);
  });
}

/**
 * Why an environment cannot take a job, in the order AWS documents its rules: multi-node parallel
 * jobs run only on managed, on-demand EC2 environments (not Spot, not Fargate, not unmanaged); one
 * node must fit one instance type; the environment's `maxvCpus` must hold the whole job.
 */
export function unfitness(environment: ComputeEnvironmentDef, job: JobRequirements): Unfit | undefined {
  const multiNode = job.numNodes !== undefined;
  if (multiNode && (isSpot(environment) || isFargate(environment) || environment.type === 'UNMANAGED')) {
    return 'multi-node';
  }
  if (!instanceFits(environment, job)) return 'instance';
  const managed = environment.type !== 'UNMANAGED';
  if (managed && environment.maxvCpus < job.vcpus * (job.numNodes ?? 1)) return 'max-vcpus';
  if (environment.state !== 'ENABLED') return 'disabled';
  return undefined;
}

const DETAIL: Record<Unfit, string> = {
  disabled: 'is DISABLED',
  'multi-node':
    'runs no multi-node parallel jobs (they need a managed, on-demand EC2 environment: not Spot, Fargate or unmanaged)',
  instance: 'has no instance type with enough vCPUs and memory for one node',
  'max-vcpus': 'has a maxvCpus smaller than the job needs',
};

/**
 * Places a job as the queue does: the first environment in `order` that can take it. When none
 * can, the job blocks with the reason AWS gives (`detail` names each environment's problem for the
 * local log). `environments` resolves an ARN; environments the wiring does not hold are assumed fit.
 */
export function placeJob(
  queue: JobQueueDef,
  environments: (arn: string) => ComputeEnvironmentDef | undefined,
  job: JobRequirements,
): Placement {
  const ordered = [...(queue.computeEnvironmentOrder ?? [])].sort((a, b) => a.order - b.order);
  // A queue without environments comes from a wiring that declares none: nothing to enforce.
  if (ordered.length === 0) {
    const arn = `${queue.arn.split(':job-queue/')[0]}:compute-environment/local`;
    return { kind: 'placed', environment: unknownEnvironment(arn) };
  }
  const problems: [ComputeEnvironmentDef, Unfit][] = [];
  for (const { computeEnvironment } of ordered) {
    const environment = environments(computeEnvironment);
    if (!environment) return { kind: 'placed', environment: unknownEnvironment(computeEnvironment) };
    const problem = unfitness(environment, job);
    if (problem === undefined) return { kind: 'placed', environment };
    problems.push([environment, problem]);
  }
  const detail = `job queue ${queue.name}: ${problems.map(([env, why]) => `${env.name} ${DETAIL[why]}`).join('; ') || 'no compute environment'}`;
  if (problems.some(([, why]) => why === 'disabled')) return { kind: 'waiting', detail };
  // Some environment has instances that fit, only its maxvCpus is too small: AWS names the CPU limit.
  const limitedByMax = problems.some(([, why]) => why === 'max-vcpus');
  const statusReason = limitedByMax
    ? BLOCKED_REASONS.computeEnvironmentMaxResource
    : BLOCKED_REASONS.jobResourceRequirement;
  return { kind: 'blocked', statusReason, detail };
}

/** An environment named by a queue but declared in no template the local cloud read: no rules apply. */
function unknownEnvironment(arn: string): ComputeEnvironmentDef {
  return {
    name: arn.split('/').pop() ?? arn,
    arn,
    type: 'MANAGED',
    state: 'ENABLED',
    resourceType: 'EC2',
    instanceTypes: [],
    minvCpus: 0,
    maxvCpus: Number.POSITIVE_INFINITY,
  };
}

/** The capability a job needs (`EC2` unless its definition says `FARGATE`; multi-node jobs are EC2). */
export function capabilityOf(platformCapabilities: unknown): 'EC2' | 'FARGATE' {
  return Array.isArray(platformCapabilities) && platformCapabilities.includes('FARGATE') ? 'FARGATE' : 'EC2';
}

/**
 * SubmitJob's refusal when the queue's environments cannot run the job's platform at all (AWS
 * refuses at submission, with this message); `undefined` when they can.
 */
export function capabilityRefusal(
  environmentsOfQueue: ComputeEnvironmentDef[],
  capability: 'EC2' | 'FARGATE',
): string | undefined {
  if (environmentsOfQueue.length === 0) return undefined;
  const runs = environmentsOfQueue.some(
    (environment) => isFargate(environment) === (capability === 'FARGATE'),
  );
  return runs
    ? undefined
    : `Job Queue is attached to Compute Environment that can not run Jobs with capability ${capability}.`;
}
