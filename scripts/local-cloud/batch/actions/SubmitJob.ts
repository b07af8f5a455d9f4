import { randomUUID } from 'node:crypto';
import { ApiError } from '../../http';
import type { JobDefinitionDef, JobQueueDef } from '../../wiring/model';
import { jobContainer, nodeCount, programLine } from '../container';
import type { Dependency, Job, RetryStrategy } from '../model';
import { capabilityOf, capabilityRefusal } from '../placement';
import type { BatchAction, BatchContext } from './context';

type Dict = Record<string, unknown>;

const clientError = (message: string): ApiError => new ApiError(400, 'ClientException', message);
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function arraySize(input: Dict): number | undefined {
  const size = (input.arrayProperties as Dict | undefined)?.size;
  if (size === undefined) return undefined;
  if (!Number.isInteger(size) || (size as number) < 2 || (size as number) > 10000) {
    throw clientError(`arrayProperties.size is ${JSON.stringify(size)}; expected an integer from 2 to 10000`);
  }
  return size as number;
}

function dependencies(input: Dict, ctx: BatchContext): Dependency[] {
  const dependsOn = (Array.isArray(input.dependsOn) ? input.dependsOn : []) as Dependency[];
  for (const dependency of dependsOn) if (dependency.jobId !== undefined) ctx.store.job(dependency.jobId);
  return dependsOn;
}

function timeoutSeconds(input: Dict, definition: JobDefinitionDef): number | undefined {
  const timeout = (input.timeout ?? definition.properties.timeout) as Dict | undefined;
  const seconds = timeout?.attemptDurationSeconds;
  return seconds === undefined ? undefined : Number(seconds);
}

/** `containerOverrides`, or for a multi-node job the overrides of its first node range. */
function containerOverrides(input: Dict): Dict | undefined {
  if (input.containerOverrides !== undefined) return input.containerOverrides as Dict;
  const ranges = (input.nodeOverrides as Dict | undefined)?.nodePropertyOverrides;
  return Array.isArray(ranges)
    ? ((ranges[0] as Dict | undefined)?.containerOverrides as Dict | undefined)
    : undefined;
}

/** AWS refuses at submission a job whose platform (EC2 or Fargate) no environment of the queue runs. */
function refuseIncapableQueue(ctx: BatchContext, queue: JobQueueDef, capability: 'EC2' | 'FARGATE'): void {
  const refusal = capabilityRefusal(ctx.store.environmentsOf(queue), capability);
  if (refusal !== undefined) throw clientError(refusal);
}

/** The job record of a submission (an array parent's children are made from it). */
function newJob(input: Dict, ctx: BatchContext, definition: JobDefinitionDef): Job {
  const jobId = randomUUID();
  const queue = ctx.store.openQueue(input.jobQueue);
  const numNodes = nodeCount(definition, input.nodeOverrides as Dict | undefined);
  refuseIncapableQueue(
    ctx,
    queue,
    numNodes === undefined ? capabilityOf(definition.properties.platformCapabilities) : 'EC2',
  );
  const container = jobContainer(definition, containerOverrides(input));
  programLine(definition, container.command, numNodes);
  return {
    jobId,
    jobArn: `arn:aws:batch:${ctx.region}:${ctx.accountId}:job/${jobId}`,
    jobName: String(input.jobName),
    jobQueue: queue.arn,
    status: 'SUBMITTED',
    createdAt: Date.now(),
    definition,
    parameters: { ...(definition.properties.parameters as Dict), ...(input.parameters as Dict) } as Record<
      string,
      string
    >,
    container,
    numNodes,
    retryStrategy: (input.retryStrategy ??
      definition.properties.retryStrategy ?? { attempts: 1 }) as RetryStrategy,
    timeoutS: timeoutSeconds(input, definition),
    dependsOn: dependencies(input, ctx),
    attempts: [],
    childIds: [],
    tags: { ...(definition.properties.tags as Dict), ...(input.tags as Dict) } as Record<string, string>,
    vcpus: container.vcpus * (numNodes ?? 1),
  };
}

function children(parent: Job, size: number): Job[] {
  return Array.from({ length: size }, (_, index) => ({
    ...parent,
    jobId: `${parent.jobId}:${index}`,
    jobArn: `${parent.jobArn}:${index}`,
    arraySize: undefined,
    arrayIndex: index,
    parentId: parent.jobId,
    childIds: [],
    attempts: [],
    dependsOn: parent.dependsOn.map((dependency) => ({ ...dependency })),
  }));
}

/** SubmitJob: container, array (`arrayProperties.size`) and multi-node jobs. */
export const SubmitJob: BatchAction = (input, ctx) => {
  if (typeof input.jobName !== 'string' || !NAME.test(input.jobName)) {
    throw clientError(
      `jobName ${JSON.stringify(input.jobName)} is invalid; expected 1-128 letters, digits, - or _`,
    );
  }
  const definition = ctx.store.definition(input.jobDefinition);
  const job = newJob(input, ctx, definition);
  const size = arraySize(input);
  if (size !== undefined) {
    if (job.numNodes !== undefined) throw clientError('Multi-node parallel jobs cannot be array jobs');
    job.arraySize = size;
    for (const child of children(job, size)) {
      job.childIds.push(child.jobId);
      ctx.store.jobs.set(child.jobId, child);
    }
    job.dependsOn = job.dependsOn.filter((dependency) => dependency.type !== 'SEQUENTIAL');
  }
  ctx.store.jobs.set(job.jobId, job);
  ctx.service.submit(job);
  return { jobArn: job.jobArn, jobName: job.jobName, jobId: job.jobId };
};
