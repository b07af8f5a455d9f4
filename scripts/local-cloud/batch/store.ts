import { ApiError } from '../http';
import type { JobDefinitionDef, JobQueueDef } from '../wiring/model';
import type { Job } from './model';

const clientError = (message: string): ApiError => new ApiError(400, 'ClientException', message);

/** Job queues and definitions (from the wiring) and every job submitted, kept in memory. */
export class BatchStore {
  readonly queues: JobQueueDef[];
  readonly definitions: JobDefinitionDef[];
  readonly jobs = new Map<string, Job>();

  constructor(queues: JobQueueDef[], definitions: JobDefinitionDef[]) {
    this.queues = queues;
    this.definitions = definitions;
  }

  /** A job queue by name or ARN. */
  queue(nameOrArn: unknown): JobQueueDef {
    const key = String(nameOrArn ?? '');
    const queue = this.queues.find((candidate) => candidate.name === key || candidate.arn === key);
    if (!queue) throw clientError(`Job queue ${key} does not exist`);
    if (queue.state !== 'ENABLED') throw clientError(`Job queue ${key} is not ENABLED`);
    return queue;
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
