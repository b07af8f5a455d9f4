import {
  formatShotFailures,
  iterationTaskInputSchema,
  jobsProgressSchema,
  type ObjectStore,
  readRunSpec,
  reductionStatusSchema,
  type ShotFailure,
  ShotsFailedError,
} from '@seisless/core';
import type { z } from 'zod';

/**
 * The AssessFailures state's input: the run, and the parts of the job progress (JobsProgress) and
 * reduction status (ReductionStatus) the assessment needs (docs/contracts/state-machine.md).
 */
export const assessInputSchema = iterationTaskInputSchema.extend({
  jobs: jobsProgressSchema.pick({
    state: true,
    failedShots: true,
    succeededShots: true,
    finishedAt: true,
    failures: true,
  }),
  reduction: reductionStatusSchema.pick({
    shotsInAllChunks: true,
    missingShots: true,
    deadLetterShots: true,
  }),
});

export type AssessInput = z.output<typeof assessInputSchema>;

/**
 * The longest AwaitReduction waits between checks. Its usual wake-up is the reducer's at completion,
 * but when a shot failed the reduction cannot complete, and the shots still in flight landing is
 * news nobody signals: the machine looks again this often until they have (or the grace is over).
 * A rare path (a failed job with messages in flight), so a short bound costs little.
 */
const RECHECK_SECONDS = 10;

export type Assessment =
  /** `recheckSeconds`: the longest AwaitReduction waits for a wake-up (≤ the grace left, ≤ 10 s). */
  | { action: 'wait'; reason: string; recheckSeconds: number }
  | { action: 'proceed'; shots: number[]; reason: string };

/**
 * Jobs have ended but the reduction is incomplete. Shots whose jobs succeeded may still have
 * messages in flight: wait for them, but only for a bounded grace period. Shots that failed,
 * were dead-lettered, or are still missing after the grace period are lost: proceed without them
 * when the spec's failure tolerance allows, else fail naming them. Never waits forever.
 */
export async function assessFailures(
  input: AssessInput,
  deps: { store: ObjectStore; now: () => number; graceSeconds: number },
): Promise<Assessment> {
  const spec = await readRunSpec(deps.store, input.runId);
  const { jobs, reduction } = input;
  const failed = new Set([...jobs.failedShots, ...reduction.deadLetterShots]);
  const inFlight = reduction.missingShots.filter((shot) => !failed.has(shot));
  const graceEndsAt = (jobs.finishedAt ?? deps.now()) + deps.graceSeconds * 1000;
  const graceOver = deps.now() > graceEndsAt;
  if (inFlight.length > 0 && !graceOver && jobs.state !== 'OVERDUE') {
    // At least a second: Step Functions' TimeoutSecondsPath takes a positive integer.
    const graceLeft = Math.ceil((graceEndsAt - deps.now()) / 1000);
    const recheckSeconds = Math.max(1, Math.min(RECHECK_SECONDS, graceLeft));
    return { action: 'wait', reason: `${inFlight.length} shot(s) still being reduced`, recheckSeconds };
  }
  const lost = [...new Set([...reduction.missingShots, ...failed])].sort((a, b) => a - b);
  const batchSize = reduction.shotsInAllChunks.length + lost.length;
  const allowed = Math.floor(spec.reduction.failureTolerance * batchSize);
  if (lost.length === 0)
    return { action: 'proceed', shots: reduction.shotsInAllChunks, reason: 'all shots reduced' };
  if (lost.length <= allowed && reduction.shotsInAllChunks.length > 0) {
    return {
      action: 'proceed',
      shots: reduction.shotsInAllChunks,
      reason: `proceeding without shot(s) ${lost.join(', ')} (tolerance ${allowed} of ${batchSize}); gradient rescaled`,
    };
  }
  throw new ShotsFailedError(
    `iteration ${input.iteration}: shot(s) ${lost.join(', ')} failed permanently (${jobs.state.toLowerCase()} jobs, dead letters or missing gradients); ` +
      `the spec's reduction.failureTolerance allows ${allowed} of ${batchSize}${failedJobs(jobs.failures)}`,
    lost,
  );
}

/** `: shot 3 (job j:3) bad-input: <the job's line>; …`: why the failed jobs failed (none known: nothing). */
function failedJobs(failures: readonly ShotFailure[]): string {
  return failures.length === 0 ? '' : `: ${formatShotFailures(failures)}`;
}
