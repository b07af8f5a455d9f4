import { BlockedJobs } from '../../../../scripts/local-cloud/batch/blockedJobs';
import type { Job } from '../../../../scripts/local-cloud/batch/model';
import { BLOCKED_REASONS } from '../../../../scripts/local-cloud/batch/placement';
import type { JobQueueDef } from '../../../../scripts/local-cloud/wiring/model';

const QUEUE: JobQueueDef = {
  name: 'jobs',
  arn: 'arn:aws:batch:us-east-1:000000000000:job-queue/jobs',
  priority: 1,
  state: 'ENABLED',
  computeEnvironmentOrder: [],
  jobStateTimeLimitActions: [
    {
      action: 'CANCEL',
      maxTimeSeconds: 600,
      reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT',
      state: 'RUNNABLE',
    },
  ],
};

const job = (fields: Partial<Job> = {}): Job =>
  ({ jobId: 'j', jobName: 'big', status: 'SUBMITTED', ...fields }) as Job;

const blocked = (statusReason: string) => ({ kind: 'blocked' as const, statusReason, detail: 'd' });

describe('BlockedJobs', () => {
  let cancelled: [string, string][];
  let lines: string[];
  let jobs: BlockedJobs;

  beforeEach(() => {
    jest.useFakeTimers();
    cancelled = [];
    lines = [];
    jobs = new BlockedJobs(
      (target, reason) => cancelled.push([target.jobId, reason]),
      (line) => lines.push(line),
    );
  });

  afterEach(() => {
    jobs.clear();
    jest.useRealTimers();
  });

  it("holds the job RUNNABLE with AWS's reason and cancels it once the queue's time limit for that reason passes", () => {
    const target = job();

    jobs.hold(target, QUEUE, blocked(BLOCKED_REASONS.jobResourceRequirement));
    jest.advanceTimersByTime(599_000);
    const before = [...cancelled];
    jest.advanceTimersByTime(1_000);

    expect(target).toMatchObject({
      status: 'RUNNABLE',
      statusReason: BLOCKED_REASONS.jobResourceRequirement,
    });
    expect(before).toEqual([]);
    expect(cancelled).toEqual([
      ['j', 'Canceled by JobStateTimeLimit action due to reason: MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT'],
    ]);
    expect(lines).toEqual(['batch: job big (j) cannot be placed: d']);
  });

  it('leaves a job whose reason has no time-limit action, or that moved on, to wait', () => {
    const capped = job({ jobId: 'capped' });
    const moved = job({ jobId: 'moved' });

    jobs.hold(capped, QUEUE, blocked(BLOCKED_REASONS.computeEnvironmentMaxResource));
    jobs.hold(moved, QUEUE, blocked(BLOCKED_REASONS.jobResourceRequirement));
    moved.status = 'FAILED';
    jest.advanceTimersByTime(3_600_000);

    expect(cancelled).toEqual([]);
  });

  it('holds a job that only waits for a DISABLED environment without a reason and logs one line per array', () => {
    const waiting = job({ jobId: 'w' });
    const child = job({ jobId: 'p:1', arrayIndex: 1 });

    jobs.hold(waiting, QUEUE, { kind: 'waiting', detail: 'env is DISABLED' });
    jobs.hold(child, QUEUE, { kind: 'waiting', detail: 'env is DISABLED' });

    expect(waiting.status).toBe('RUNNABLE');
    expect(waiting.statusReason).toBeUndefined();
    expect(lines).toEqual(['batch: job big (w) cannot be placed: env is DISABLED']);
  });
});
