import { z } from 'zod';
import { type FailureKind, failureKinds } from './jobFailure';

/**
 * One failed job (or array child) as JobsFailedError lists it: the shot when the job had one,
 * the job id, the kind and the task's one-line reason (or Batch's, when the job left no record).
 */
export const shotFailureSchema = z.object({
  jobId: z.string().describe('the failed job (an array child: `<parent>:<index>`)'),
  shot: z.number().int().nonnegative().optional().describe("the job's shot (absent for the model job)"),
  kind: z
    .enum(failureKinds)
    .describe('bad-input (exit 2), transient (exit 1, killed, host lost) or internal (70)'),
  reason: z.string().describe("the job's failure record's one line, else Batch's reason"),
});

export type ShotFailure = z.output<typeof shotFailureSchema>;

/**
 * One failure as it appears in JobsFailedError's message (the part that travels through Step
 * Functions into the run state's `error.Cause`): `shot 3 (job abc:3) bad-input: <reason>`.
 *
 * @example
 * formatShotFailure({ jobId: 'abc:3', shot: 3, kind: 'bad-input', reason: 's3://b/k.npy: 5 traces; expected 21 traces' })
 * // 'shot 3 (job abc:3) bad-input: s3://b/k.npy: 5 traces; expected 21 traces'
 */
export function formatShotFailure(failure: ShotFailure): string {
  const shot = failure.shot === undefined ? '' : `shot ${failure.shot} `;
  return `${shot}(job ${failure.jobId}) ${failure.kind}: ${failure.reason}`;
}

/** Entries a message lists at most; the rest are counted (`; and N more`). */
export const LISTED_SHOT_FAILURES = 10;

/**
 * The failures as a message lists them: entries joined by `; `, the first
 * {@link LISTED_SHOT_FAILURES}, then `; and N more` when `total` (default: all given) exceeds them.
 *
 * @example
 * `gradient jobs of run r, iteration 1: 2 of 4 failed: ${formatShotFailures(failures)}`
 */
export function formatShotFailures(failures: readonly ShotFailure[], total = failures.length): string {
  const listed = failures.slice(0, LISTED_SHOT_FAILURES).map(formatShotFailure);
  const more = total > listed.length ? `; and ${total - listed.length} more` : '';
  return `${listed.join('; ')}${more}`;
}

const ENTRY = /(?:^|: |; )(?:shot (\d+) )?\(job ([^\s()]+)\) (bad-input|transient|internal): /g;
const MORE = /; and (\d+) more$/;

/** The failures a JobsFailedError message lists, and how many more it left out. */
export interface ListedFailures {
  /** The message before its first entry: `gradient jobs of run r, iteration 1: 2 of 4 failed`. */
  readonly summary: string;
  readonly failures: readonly ShotFailure[];
  readonly more: number;
}

/**
 * Reads back the failures {@link formatShotFailure} wrote into a JobsFailedError message (joined
 * by `; `, possibly ending in `; and N more`). A reason may itself contain `; ` (`…: shape [31,
 * 41]; expected …`): entries are found by their `shot N (job ID) kind: ` heads instead.
 *
 * @example
 * parseShotFailures('gradient jobs of run r, iteration 1: 1 of 2 failed: shot 0 (job j:0) transient: exit code 137').failures
 * // [{ jobId: 'j:0', shot: 0, kind: 'transient', reason: 'exit code 137' }]
 */
export function parseShotFailures(message: string): ListedFailures {
  const heads = [...message.matchAll(ENTRY)];
  const more = MORE.exec(message);
  const end = more === null ? message.length : more.index;
  const failures = heads.map((head, i): ShotFailure => {
    const [, shot, jobId = '', kind] = head;
    const next = heads[i + 1];
    const reason = message.slice(head.index + head[0].length, next === undefined ? end : next.index);
    return {
      jobId,
      ...(shot === undefined ? {} : { shot: Number(shot) }),
      kind: kind as FailureKind,
      reason,
    };
  });
  const summary = heads[0] === undefined ? message : message.slice(0, heads[0].index);
  return { summary, failures, more: more === null ? 0 : Number(more[1]) };
}
