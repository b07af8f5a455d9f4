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
export const jobFailureRecordSchema = z
  .strictObject({
    version: z.literal(1),
    task: z.enum(computeTasks).describe('the command-line task'),
    shot: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('the shot the job processed; absent for the model task and when the shot was not resolved'),
    kind: z.enum(failureKinds).describe('bad-input (exit 2), transient (exit 1) or internal (exit 70)'),
    reason: oneLine.describe(
      'the stderr line without its `seisless_compute: error: ` prefix (a bug: `<Exception>: <message>`), at most 500 characters',
    ),
    subject: oneLine
      .optional()
      .describe('what to fix, when known: a variable, `s3://bucket/key` or `<task key>:field`'),
    error: z
      .string()
      .min(1)
      .describe("the error class (`InputError`, `TransientError`; a bug: the Python exception's name)"),
    exitCode: z.number().int().describe("the job's exit code"),
    jobId: z
      .string()
      .min(1)
      .optional()
      .describe('`AWS_BATCH_JOB_ID` (array child `<parent>:<index>`; multi-node `<job>#<node>`)'),
    attempt: z.number().int().positive().optional().describe('`AWS_BATCH_JOB_ATTEMPT`'),
    failedAt: z.iso.datetime().describe('when the job failed (ISO 8601, UTC)'),
  })
  .meta({ id: 'JobFailureRecord' });

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
