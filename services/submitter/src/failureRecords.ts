import { type JobsRef, jobFailureKey, parseJobFailureRecord, type ShotFailure } from '@seisless/core';

/** The one bucket read `progress` makes: a failed job's record (`ObjectStore.getJsonOrUndefined`). */
export interface FailureRecordReader {
  getJsonOrUndefined<T>(key: string): Promise<T | undefined>;
}

/**
 * Puts the reason and kind each failed job recorded (docs/contracts/jobs.md, "Failure record")
 * in place of Batch's: the task's one line (`…/shot-3.npy: 5 traces; expected 21 traces`)
 * rather than `Essential container in task exited`. A failure without a usable record (killed
 * for memory, host lost, record unreadable) keeps Batch's reason and the kind its exit code
 * gives: reading records never fails the progress check.
 *
 * @example
 * const failures = await withRecordedReasons(ref, progress.failures, store);
 */
export async function withRecordedReasons(
  ref: Pick<JobsRef, 'taskKey'>,
  failures: readonly ShotFailure[],
  reader: FailureRecordReader,
): Promise<ShotFailure[]> {
  return Promise.all(
    failures.map(async (failure) => {
      const record = await recordOf(ref.taskKey, failure, reader);
      return record === undefined ? failure : { ...failure, kind: record.kind, reason: record.reason };
    }),
  );
}

async function recordOf(taskKey: string, failure: ShotFailure, reader: FailureRecordReader) {
  const key = jobFailureKey(taskKey, failure.shot);
  if (key === undefined) return undefined;
  let record: ReturnType<typeof parseJobFailureRecord>;
  try {
    record = parseJobFailureRecord(await reader.getJsonOrUndefined<unknown>(key));
  } catch {
    return undefined; // Best effort: Batch's reason still names the job.
  }
  return record !== undefined && isFromJob(record.jobId, failure.jobId) ? record : undefined;
}

/**
 * Whether a record was written by this job: the same id, or one of its multi-node job's nodes
 * (`<jobId>#<node>`). A record of an earlier submission of the same task file (a resumed run's
 * previous attempt) is not this failure's reason. A record without a job id (a job run outside
 * Batch) is taken as it is.
 */
function isFromJob(recorded: string | undefined, jobId: string): boolean {
  return recorded === undefined || recorded === jobId || recorded.startsWith(`${jobId}#`);
}
