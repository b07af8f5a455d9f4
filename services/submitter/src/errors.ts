import { SeislessError } from '@seisless/core';

/** One job (or array child) that failed for good or did not finish in time. */
export interface JobFailure {
  readonly jobId: string;
  readonly shot?: number;
  readonly reason: string;
}

/**
 * Jobs failed permanently, or were still unfinished past their deadline, while the caller asked
 * for `failOnError`. The message names the shots, job ids and Batch's status reasons.
 */
export class JobsFailedError extends SeislessError {
  readonly failures: readonly JobFailure[];
  constructor(message: string, failures: readonly JobFailure[]) {
    super(message);
    this.name = 'JobsFailedError';
    this.failures = failures;
  }
}
