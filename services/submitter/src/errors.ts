import { SeislessError, type ShotFailure } from '@seisless/core';

/**
 * One job (or array child) that failed for good: its shot, id, kind (`bad-input`, `transient`,
 * `internal`) and reason, the task's own line when the job left a failure record.
 */
export type JobFailure = ShotFailure;

/**
 * Jobs failed permanently, or were still unfinished past their deadline, while the caller asked
 * for `failOnError`. The message names, per failed shot, its job id, the kind and the reason
 * (`formatShotFailure` of @seisless/core, which `parseShotFailures` reads back).
 */
export class JobsFailedError extends SeislessError {
  readonly failures: readonly JobFailure[];
  constructor(message: string, failures: readonly JobFailure[]) {
    super(message);
    this.name = 'JobsFailedError';
    this.failures = failures;
  }
}
