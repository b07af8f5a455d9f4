import { type Env, intEnv, optionalEnv, reductionHorizonSeconds, requireEnv } from '@seisless/core';

/**
 * The reducer queue's redelivery horizon (REDUCER_QUEUE: 10 receives × 6 s visibility) plus a
 * minute: by then a message of a succeeded job has been summed or dead-lettered (which the status
 * reports at once), so a shorter grace declared shots lost whose messages were merely waiting to
 * come back after a failed reducer invocation.
 */
const REDUCTION_GRACE_SECONDS = reductionHorizonSeconds();

/** The iterator's configuration, read once per cold start. */
export interface IteratorConfig {
  readonly bucket: string;
  readonly stateMachineName: string;
  /** The longest the state machine waits for a wake-up before it checks anyway (seconds). */
  readonly pollSeconds: number;
  /** How long after the last job ended the reduction may still be finishing before shots count as lost. */
  readonly reductionGraceSeconds: number;
}

export function loadConfig(env: Env): IteratorConfig {
  return Object.freeze({
    bucket: requireEnv(env, 'SEISLESS_BUCKET', 'the name of the run data bucket'),
    stateMachineName: optionalEnv(env, 'SEISLESS_STATE_MACHINE_NAME', 'seisless-iterator-dev-imaging'),
    pollSeconds: intEnv(env, 'SEISLESS_POLL_SECONDS', 300),
    reductionGraceSeconds: intEnv(env, 'SEISLESS_REDUCTION_GRACE_SECONDS', REDUCTION_GRACE_SECONDS),
  });
}
