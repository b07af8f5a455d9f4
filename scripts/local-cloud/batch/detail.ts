import { JOB_STATUSES, type Job } from './model';
import type { BatchStore } from './store';

type Dict = Record<string, unknown>;

/** `arrayProperties.statusSummary` of an array parent: how many children are in each status. */
export function statusSummary(children: Job[]): Record<string, number> {
  const summary: Record<string, number> = {};
  for (const status of JOB_STATUSES) summary[status] = 0;
  for (const child of children) summary[child.status] = (summary[child.status] ?? 0) + 1;
  return summary;
}

function arrayProperties(job: Job, store: BatchStore): Dict | undefined {
  if (job.arraySize !== undefined) {
    return { size: job.arraySize, statusSummary: statusSummary(store.children(job)) };
  }
  return job.arrayIndex === undefined ? undefined : { index: job.arrayIndex };
}

function container(job: Job): Dict {
  const last = job.attempts.at(-1)?.container;
  return {
    image: job.container.image,
    vcpus: job.container.vcpus,
    memory: job.container.memory,
    command: job.container.command,
    jobRoleArn: job.container.jobRoleArn,
    environment: job.container.environment,
    resourceRequirements: job.container.resourceRequirements,
    exitCode: last?.exitCode,
    reason: last?.reason,
    logStreamName: last?.logStreamName,
    taskArn: last?.taskArn,
    containerInstanceArn: last?.containerInstanceArn,
  };
}

/** A JobDetail of DescribeJobs. */
export function jobDetail(job: Job, store: BatchStore): Dict {
  const definition = job.definition.properties;
  return {
    jobArn: job.jobArn,
    jobName: job.jobName,
    jobId: job.jobId,
    jobQueue: job.jobQueue,
    status: job.status,
    statusReason: job.statusReason,
    attempts: job.attempts,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    retryStrategy: job.retryStrategy,
    dependsOn: job.dependsOn,
    jobDefinition: job.definition.arn,
    parameters: job.parameters,
    container: job.numNodes === undefined && job.arraySize === undefined ? container(job) : undefined,
    nodeProperties:
      job.numNodes === undefined
        ? undefined
        : { ...(definition.nodeProperties as Dict), numNodes: job.numNodes },
    arrayProperties: arrayProperties(job, store),
    timeout: job.timeoutS === undefined ? undefined : { attemptDurationSeconds: job.timeoutS },
    tags: job.tags,
    platformCapabilities: definition.platformCapabilities,
    isTerminated: job.terminated === undefined ? undefined : true,
  };
}

/** A JobSummary of ListJobs. */
export function jobSummary(job: Job): Dict {
  const last = job.attempts.at(-1)?.container;
  return {
    jobArn: job.jobArn,
    jobId: job.jobId,
    jobName: job.jobName,
    createdAt: job.createdAt,
    status: job.status,
    statusReason: job.statusReason,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    container: last ? { exitCode: last.exitCode, reason: last.reason } : undefined,
    arrayProperties:
      job.arraySize !== undefined || job.arrayIndex !== undefined
        ? { size: job.arraySize, index: job.arrayIndex }
        : undefined,
    nodeProperties:
      job.numNodes === undefined ? undefined : { isMainNode: true, numNodes: job.numNodes, nodeIndex: 0 },
    jobDefinition: job.definition.arn,
  };
}
