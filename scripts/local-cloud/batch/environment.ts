import type { Job } from './model';

/**
 * Host variables a job does not inherit: it gets the local cloud's AWS settings instead; and
 * `PYTHONDONTWRITEBYTECODE`, because the image's package is installed with its bytecode compiled
 * (pip), so the local stand-in must be allowed to keep its own (else every job compiles again
 * each module edited since the last write, tens of ms).
 */
const NOT_INHERITED = /^(AWS_|SEISLESS_|npm_|JEST_|PYTHONDONTWRITEBYTECODE$)/;

/**
 * The environment of a job process: the host's (the local stand-in for the image), the job
 * definition's variables with their overrides, the local endpoints and credentials, and the
 * variables AWS Batch sets (`AWS_BATCH_JOB_ID`, `…_ATTEMPT`, `…_ARRAY_INDEX`, multi-node ones).
 */
export function jobEnvironment(
  job: Job,
  attempt: number,
  clientEnv: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !NOT_INHERITED.test(name)) env[name] = value;
  }
  for (const { name, value } of job.container.environment) env[name] = String(value);
  Object.assign(env, clientEnv, {
    AWS_BATCH_JOB_ID: job.jobId,
    AWS_BATCH_JOB_ATTEMPT: String(attempt),
    AWS_BATCH_JQ_NAME: job.jobQueue.split('/').pop() ?? job.jobQueue,
    AWS_BATCH_CE_NAME: job.computeEnvironment?.name ?? 'local',
  });
  if (job.arrayIndex !== undefined) env.AWS_BATCH_JOB_ARRAY_INDEX = String(job.arrayIndex);
  if (job.numNodes !== undefined) {
    env.AWS_BATCH_JOB_NUM_NODES = String(job.numNodes);
    env.AWS_BATCH_JOB_MAIN_NODE_INDEX = '0';
    env.AWS_BATCH_JOB_MAIN_NODE_PRIVATE_IPV4_ADDRESS = '127.0.0.1';
  }
  return env;
}
