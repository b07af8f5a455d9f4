import { ApiError } from '../http';
import type { ComputeEnvironmentDef, JobDefinitionDef, JobQueueDef } from '../wiring/model';
import type { Job } from './model';

const clientError = (message: string): ApiError => new ApiError(400, 'ClientException', message);

/**
 * Compute environments, job queues and definitions (from the wiring) and every job submitted,
 * kept in memory.
 */
export class BatchStore {
  readonly queues: JobQueueDef[];
  readonly definitions: JobDefinitionDef[];
  readonly computeEnvironments: ComputeEnvironmentDef[];
  readonly jobs = new Map<string, Job>();

  constructor(
    queues: JobQueueDef[],
    definitions: JobDefinitionDef[],
    computeEnvironments: ComputeEnvironmentDef[] = [],
  ) {
    this.queues = queues;
    this.definitions = definitions;
    this.computeEnvironments = computeEnvironments;
  }

  /** A job queue by name or ARN. */
  queue(nameOrArn: unknown): JobQueueDef {
    const key = String(nameOrArn ?? '');
    const queue = this.queues.find((candidate) => candidate.name === key || candidate.arn === key);
    if (!queue) throw clientError(`Job queue ${key} does not exist`);
    return queue;
  }

  /** A job queue that takes new jobs: a DISABLED one lets its jobs finish but accepts none. */
  openQueue(nameOrArn: unknown): JobQueueDef {
    const queue = this.queue(nameOrArn);
    if (queue.state !== 'ENABLED')
      throw clientError(`Job queue ${queue.arn} is DISABLED; it accepts no new jobs`);
    return queue;
  }

  /** A compute environment by name or ARN, if the wiring declares it. */
  computeEnvironment(nameOrArn: string): ComputeEnvironmentDef | undefined {
    return this.computeEnvironments.find(
      (environment) => environment.arn === nameOrArn || environment.name === nameOrArn,
    );
  }

  /** The declared compute environments of a queue, in its order. */
  environmentsOf(queue: JobQueueDef): ComputeEnvironmentDef[] {
    return [...(queue.computeEnvironmentOrder ?? [])]
      .sort((a, b) => a.order - b.order)
      .flatMap(({ computeEnvironment }) => this.computeEnvironment(computeEnvironment) ?? []);
  }

  /** A job definition by name, `name:revision` or ARN. */
  definition(reference: unknown): JobDefinitionDef {
    const key = String(reference ?? '');
    const found = this.definitions.find(
      (candidate) =>
        candidate.arn === key || candidate.name === key || `${candidate.name}:${candidate.revision}` === key,
    );
    if (!found) throw clientError(`Job definition ${key} does not exist`);
    return found;
  }

  job(jobId: unknown): Job {
    const job = this.jobs.get(String(jobId));
    if (!job) throw clientError(`Job ${String(jobId)} does not exist`);
    return job;
  }

  children(job: Job): Job[] {
    return job.childIds.map((id) => this.job(id));
  }
}
