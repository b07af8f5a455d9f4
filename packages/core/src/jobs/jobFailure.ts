import { z } from 'zod';
import { runKeys } from '../storage/keys';

/**
 * Why a job failed, as its exit code says (docs/contracts/jobs.md, "Errors"): `bad-input` (exit
 * 2: the task refused its input; retrying or resuming repeats the refusal), `transient` (exit 1,
 * or the job was killed or lost its host: worth retrying), `internal` (exit 70: a bug, with a
 * traceback in the job's log).
 */
export const failureKinds = ['bad-input', 'transient', 'internal'] as const;
export type FailureKind = (typeof failureKinds)[number];

/** The compute tasks (jobs.md): the `task` of a failure record. */
export const computeTasks = ['model', 'observe', 'gradient', 'objective', 'born-norm', 'sparsify'] as const;

const oneLine = z
  .string()
  .min(1)
  .regex(/^[^\r\n]*$/, 'one line');

/**
 * The failure record a compute job writes (rank 0, best effort) when it fails, beside its
 * iteration's outputs (`jobFailureKey`). The submitter's `progress` reads it for every FAILED job
 * and puts `reason` and `kind` into JobsFailedError; written by
 * docker/seisless_compute/io/failure_record.py (contract: docs/contracts/jobs.md).
 */
export const jobFailureRecordSchema = z.strictObject({
  version: z.literal(1),
  task: z.enum(computeTasks),
  /** The shot the job processed; absent for the model task and when the shot was not resolved. */
  shot: z.number().int().nonnegative().optional(),
  kind: z.enum(failureKinds),
  /** The task's one line without the `seisless_compute: error: ` prefix: `<subject>: <received>; expected <what>`. */
  reason: oneLine,
  /** The subject of a refused input (variable, `s3://bucket/key` or `<task key>:field`), when known. */
  subject: oneLine.optional(),
  /** The error class (`InputError`, `TransientError`, or a Python exception's name for a bug). */
  error: z.string().min(1),
  exitCode: z.number().int(),
  /** `AWS_BATCH_JOB_ID` (an array child's `<parent>:<index>`) and `AWS_BATCH_JOB_ATTEMPT`. */
  jobId: z.string().min(1).optional(),
  attempt: z.number().int().positive().optional(),
  /** When the job failed (ISO 8601, UTC). */
  failedAt: z.iso.datetime(),
});

export type JobFailureRecord = z.infer<typeof jobFailureRecordSchema>;

/** The kind an exit code means (jobs.md): 2 bad input, 70 internal, anything else transient. */
export function kindOfExitCode(exitCode: number): FailureKind {
  if (exitCode === 2) return 'bad-input';
  if (exitCode === 70) return 'internal';
  return 'transient';
}

const TASK_KEY = /^runs\/([^/]+)\/iterations\/(\d+)\/tasks\/([^/]+)\.json$/;

/**
 * The key of a job's failure record from its task file's key (`runKeys().task`):
 * `runKeys().jobFailure`, beside the iteration's outputs. Derived from the task key so that a job
 * whose task file cannot be read still knows where to write; undefined for a task key outside the
 * run layout. Mirrored by `failure_key` in docker/seisless_compute/io/failure_record.py.
 *
 * @example
 * jobFailureKey('runs/demo/iterations/3/tasks/objective-1.json', 4)
 * // 'runs/demo/iterations/3/failures/objective-1-shot-4.json'
 */
export function jobFailureKey(taskKey: string, shot?: number): string | undefined {
  const match = TASK_KEY.exec(taskKey);
  if (match === null) return undefined;
  const [, runId = '', k = '', name = ''] = match;
  return runKeys(runId).jobFailure(Number(k), name, shot);
}

/** A record read from the bucket, or undefined when it does not match the contract. */
export function parseJobFailureRecord(value: unknown): JobFailureRecord | undefined {
  const parsed = jobFailureRecordSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
