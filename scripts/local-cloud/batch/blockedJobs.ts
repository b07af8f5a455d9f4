import type { JobQueueDef } from '../wiring/model';
import type { Job } from './model';
import type { Placement } from './placement';

/** The part of a blocked job's status reason that `jobStateTimeLimitActions` match (`MISCONFIGURATION:…`). */
export const reasonCode = (statusReason: string): string => statusReason.split(' - ')[0] ?? statusReason;

/** The status reason of a job the queue's time-limit action cancelled (AWS Batch User Guide wording). */
export const timeLimitCancelReason = (code: string): string =>
  `Canceled by JobStateTimeLimit action due to reason: ${code}`;

/** The queue's CANCEL action for a job left RUNNABLE with this reason, if it has one. */
export function timeLimitAction(
  queue: JobQueueDef,
  statusReason: string,
): { afterMs: number; code: string } | undefined {
  const code = reasonCode(statusReason);
  const action = (queue.jobStateTimeLimitActions ?? []).find(
    (candidate) =>
      candidate.state === 'RUNNABLE' && candidate.action === 'CANCEL' && candidate.reason === code,
  );
  return action ? { afterMs: action.maxTimeSeconds * 1000, code } : undefined;
}

/**
 * Jobs no compute environment of their queue can take. They stay RUNNABLE with their reason until
 * cancelled, by a user or by the queue's `jobStateTimeLimitActions` once `maxTimeSeconds` pass.
 */
export class BlockedJobs {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly cancel: (job: Job, reason: string) => void,
    private readonly log?: (line: string) => void,
  ) {}

  /**
   * Holds a job its queue could not place: RUNNABLE with AWS's reason (none while it only waits
   * for a DISABLED environment), its time limit armed, and one log line saying which environment
   * refused it and why (one per submission: the children of an array job are blocked alike).
   */
  hold(job: Job, queue: JobQueueDef, placement: Exclude<Placement, { kind: 'placed' }>): void {
    job.status = 'RUNNABLE';
    if (placement.kind === 'blocked') {
      job.statusReason = placement.statusReason;
      this.watch(job, queue, placement.statusReason);
    }
    if (job.arrayIndex === undefined || job.arrayIndex === 0) {
      this.log?.(`batch: job ${job.jobName} (${job.jobId}) cannot be placed: ${placement.detail}`);
    }
  }

  /** Arms the queue's time limit for a job just blocked with `statusReason`. */
  private watch(job: Job, queue: JobQueueDef, statusReason: string): void {
    const limit = timeLimitAction(queue, statusReason);
    if (!limit) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (job.status === 'RUNNABLE' && job.statusReason === statusReason) {
        this.cancel(job, timeLimitCancelReason(limit.code));
      }
    }, limit.afterMs);
    timer.unref();
    this.timers.add(timer);
  }

  /** Disarms every time limit (the local cloud is stopping). */
  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
