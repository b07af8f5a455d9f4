import { type FailureKind, type JobsProgress, type JobsRef, kindOfExitCode } from '@seisless/core';
import type { JobInfo } from './ports';

/** What was observed of one job of a JobsRef. */
export interface JobObservation {
  readonly jobId: string;
  /** Undefined when DescribeJobs does not know the job (expired or never existed). */
  readonly job?: JobInfo;
  /** Array parents: the children that succeeded and failed. */
  readonly children?: { readonly succeeded: readonly JobInfo[]; readonly failed: readonly JobInfo[] };
}

interface Tally {
  counts: JobsProgress['counts'];
  succeededShots: number[];
  failedShots: number[];
  failures: JobsProgress['failures'];
  finished: JobInfo[];
}

/** Failures listed in a progress report (the counts and shot lists stay complete). */
export const MAX_LISTED_FAILURES = 50;

/**
 * Turns observations of a JobsRef's jobs into its progress: RUNNING until every job has
 * finished, then SUCCEEDED or FAILED (any failure); OVERDUE when the deadline has passed first.
 */
export function summarizeProgress(
  ref: JobsRef,
  observations: readonly JobObservation[],
  now: number,
): JobsProgress {
  const tally: Tally = {
    counts: { pending: 0, running: 0, succeeded: 0, failed: 0 },
    succeededShots: [],
    failedShots: [],
    failures: [],
    finished: [],
  };
  observations.forEach((observation, position) => {
    tallyJob(tally, ref, observation, position);
  });
  return report(tally, ref, now);
}

function tallyJob(tally: Tally, ref: JobsRef, observation: JobObservation, position: number): void {
  const { job } = observation;
  const arrayShots = ref.jobIds.length === 1 && ref.shots.length > 1;
  if (job === undefined) {
    const shots = arrayShots ? ref.shots : ref.shots.slice(position, position + 1);
    tally.counts.failed += Math.max(1, shots.length);
    tally.failedShots.push(...shots);
    const reason = 'not found by DescribeJobs (expired or never submitted)';
    const kind = 'transient' as const;
    tally.failures.push(
      ...(shots.length > 0
        ? shots.map((shot) => ({ jobId: observation.jobId, shot, kind, reason }))
        : [{ jobId: observation.jobId, kind, reason }]),
    );
    return;
  }
  if (job.arraySize !== undefined) {
    tallyArray(tally, ref, job, observation.children);
    return;
  }
  tallyOne(tally, job, arrayShots ? undefined : ref.shots[position]);
}

function tallyOne(tally: Tally, job: JobInfo, shot: number | undefined): void {
  if (job.status === 'SUCCEEDED') {
    tally.counts.succeeded += 1;
    if (shot !== undefined) tally.succeededShots.push(shot);
    tally.finished.push(job);
  } else if (job.status === 'FAILED') {
    tally.counts.failed += 1;
    if (shot !== undefined) tally.failedShots.push(shot);
    tally.failures.push({
      jobId: job.jobId,
      ...(shot === undefined ? {} : { shot }),
      kind: batchFailureKind(job),
      reason: describeFailure(job),
    });
    tally.finished.push(job);
  } else if (job.status === 'STARTING' || job.status === 'RUNNING') {
    tally.counts.running += 1;
  } else {
    tally.counts.pending += 1;
  }
}

function tallyArray(tally: Tally, ref: JobsRef, parent: JobInfo, children: JobObservation['children']): void {
  const succeeded = children?.succeeded ?? [];
  const failed = children?.failed ?? [];
  for (const child of succeeded) tallyOne(tally, child, shotOf(ref, child));
  for (const child of failed) tallyOne(tally, child, shotOf(ref, child));
  const remaining = Math.max(0, (parent.arraySize ?? 0) - succeeded.length - failed.length);
  const summary = parent.statusSummary ?? {};
  const running = Math.min(remaining, (summary.RUNNING ?? 0) + (summary.STARTING ?? 0));
  tally.counts.running += running;
  tally.counts.pending += remaining - running;
}

function shotOf(ref: JobsRef, child: JobInfo): number | undefined {
  return child.arrayIndex === undefined ? undefined : ref.shots[child.arrayIndex];
}

/** Batch's reason for a failed job: status reason, container exit code and reason. */
export function describeFailure(job: JobInfo): string {
  const parts = [
    job.exitCode === undefined ? undefined : `exit code ${job.exitCode}`,
    job.containerReason,
    job.statusReason,
  ].filter((part): part is string => part !== undefined && part !== '');
  return parts.length === 0 ? 'failed (no reason given by Batch)' : parts.join(': ');
}

/** Batch's words for a job whose host or container was taken away, not a failure of its task. */
const LOST = /^Host EC2|terminated|OutOfMemory|out of memory|Job attempt duration exceeded timeout/i;

/**
 * The kind of a failure known only from Batch (no failure record): the exit code's (2 bad input,
 * 70 internal), and transient for a job killed (137: out of memory or stopped), whose host was
 * lost or that timed out, which a retry or resume can get past.
 */
export function batchFailureKind(job: JobInfo): FailureKind {
  const said = `${job.containerReason ?? ''} ${job.statusReason ?? ''}`.trim();
  if (job.exitCode === undefined || job.exitCode === 137 || LOST.test(said)) return 'transient';
  return kindOfExitCode(job.exitCode);
}

function report(tally: Tally, ref: JobsRef, now: number): JobsProgress {
  const { counts } = tally;
  const unfinished = counts.pending + counts.running;
  const state =
    unfinished > 0
      ? now > ref.deadline
        ? 'OVERDUE'
        : 'RUNNING'
      : counts.failed > 0
        ? 'FAILED'
        : 'SUCCEEDED';
  const started = tally.finished.flatMap((job) => (job.startedAt === undefined ? [] : [job.startedAt]));
  const stopped = tally.finished.flatMap((job) => (job.stoppedAt === undefined ? [] : [job.stoppedAt]));
  const lastStoppedAt = stopped.length > 0 ? stopped.reduce((a, b) => Math.max(a, b)) : undefined;
  return {
    state,
    counts,
    checkedAt: now,
    submittedAt: ref.submittedAt,
    succeededShots: [...tally.succeededShots].sort((a, b) => a - b),
    failedShots: [...tally.failedShots].sort((a, b) => a - b),
    failures: tally.failures.slice(0, MAX_LISTED_FAILURES),
    ...(unfinished === 0 && lastStoppedAt !== undefined ? { finishedAt: lastStoppedAt } : {}),
    ...(started.length > 0 ? { firstStartedAt: started.reduce((a, b) => Math.min(a, b)) } : {}),
    ...(lastStoppedAt === undefined ? {} : { lastStoppedAt }),
  };
}
