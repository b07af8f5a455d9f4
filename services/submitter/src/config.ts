import { type Env, intEnv, requireEnv } from '@seisless/core';

/** The submitter's configuration, read once per cold start. */
export interface SubmitterConfig {
  readonly bucket: string;
  readonly jobQueue: string;
  /** Queue of multi-node (MPI) jobs: on-demand EC2, cluster placement group. */
  readonly mpiJobQueue: string;
  readonly jobDefinition: string;
  readonly mpiJobDefinition: string;
  readonly reducerQueueName: string;
  /** Added to every deadline: time for the state machine to notice a finished job. */
  readonly deadlineSlackS: number;
  /** Added to every deadline: time a job may wait in the queue for capacity. */
  readonly queueAllowanceS: number;
}

/**
 * Reads the submitter's environment (serverless.common.yml), failing fast on a missing variable.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: Env): SubmitterConfig {
  return Object.freeze({
    bucket: requireEnv(env, 'SEISLESS_BUCKET', 'the data bucket name'),
    jobQueue: requireEnv(env, 'SEISLESS_JOB_QUEUE', 'the Batch job queue name or ARN'),
    mpiJobQueue: requireEnv(env, 'SEISLESS_MPI_JOB_QUEUE', 'the multi-node Batch job queue name or ARN'),
    jobDefinition: requireEnv(env, 'SEISLESS_JOB_DEFINITION', 'the container job definition name or ARN'),
    mpiJobDefinition: requireEnv(
      env,
      'SEISLESS_MPI_JOB_DEFINITION',
      'the multi-node job definition name or ARN',
    ),
    reducerQueueName: requireEnv(env, 'SEISLESS_REDUCER_QUEUE_NAME', "the reducer's FIFO queue name"),
    deadlineSlackS: intEnv(env, 'SEISLESS_DEADLINE_SLACK_S', 300),
    queueAllowanceS: intEnv(env, 'SEISLESS_QUEUE_ALLOWANCE_S', 3600),
  });
}
