import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Faults } from '../faults';
import { credentialVariables, type LocalCredentials } from '../iam/credentials';
import { AttemptRun } from './attempt';
import { BlockedJobs } from './blockedJobs';
import { programLine, substituteParameters } from './container';
import { dependencyState, prerequisites } from './dependencies';
import { attemptArns } from './ecsCluster';
import { jobEnvironment } from './environment';
import { type AttemptOutcome, isDone, type Job, type JobStatus } from './model';
import { placeJob, requirementsOf } from './placement';
import { shouldRetry } from './retry';
import { VcpuScheduler } from './scheduler';
import type { BatchStore } from './store';

/** On shutdown, job process groups get SIGTERM and, this much later, SIGKILL. */
const SHUTDOWN_GRACE_MS = 1000;

export interface BatchServiceOptions {
  dataDir: string;
  /** Variables every job gets (endpoints, credentials, region). */
  env: Record<string, string>;
  faults: Faults;
  maxVcpus: number;
  killGraceMs: number;
  /** Where the local cloud says why a job stays RUNNABLE (AWS only shows a status reason). */
  log?: (line: string) => void;
  /** IAM: the credentials of the job definition's `jobRoleArn` for one job's session. */
  credentialsFor?: (roleArn: string, sessionName: string) => LocalCredentials;
  /**
   * Called right after each change of a job's status (not at submission, as AWS Batch sends no
   * event then), with the job as it now stands; must return at once and never throw.
   */
  onStatusChange?: (job: Job) => void;
}

/**
 * The job lifecycle of AWS Batch: SUBMITTED → PENDING (while dependencies run) → RUNNABLE (waiting
 * for vCPUs) → STARTING → RUNNING → SUCCEEDED | FAILED, with retries back to RUNNABLE, array
 * parents that settle when their children do, and terminate/cancel. Everything is event-driven.
 */
export class BatchService {
  readonly scheduler: VcpuScheduler;
  private readonly pending = new Set<Job>();
  private readonly attempts = new Map<string, AttemptRun>();
  private readonly blocked: BlockedJobs;
  private stopping = false;

  constructor(
    readonly store: BatchStore,
    private readonly options: BatchServiceOptions,
  ) {
    const priority = (job: Job): number =>
      store.queues.find((queue) => queue.arn === job.jobQueue)?.priority ?? 0;
    this.blocked = new BlockedJobs((job, reason) => this.cancel(job, reason), options.log);
    this.scheduler = new VcpuScheduler(options.maxVcpus, priority, (job) => void this.startAttempt(job));
    mkdirSync(this.logDir, { recursive: true });
  }

  get logDir(): string {
    return join(this.options.dataDir, 'batch', 'logs');
  }

  /** Takes a new job (and its array children, already in the store) into the lifecycle. */
  submit(job: Job): void {
    setImmediate(() => this.advance(job));
  }

  /** The one place a job's status changes (BlockedJobs only repeats what makeRunnable set). */
  private set(job: Job, status: JobStatus, statusReason?: string): void {
    const changed = job.status !== status;
    job.status = status;
    if (statusReason !== undefined) job.statusReason = statusReason;
    if (changed) this.options.onStatusChange?.(job);
  }

  private advance(job: Job): void {
    if (isDone(job.status) || this.stopping) return;
    if (job.arraySize !== undefined) {
      this.set(job, 'PENDING');
      for (const child of this.store.children(job)) this.advance(child);
      return;
    }
    const state = dependencyState(prerequisites(job, (id) => this.store.jobs.get(id)));
    if (state === 'failed') this.finish(job, 'FAILED', 'Dependent Job failed');
    else if (state === 'waiting') {
      this.set(job, 'PENDING');
      this.pending.add(job);
    } else {
      this.pending.delete(job);
      this.makeRunnable(job);
    }
  }

  /**
   * RUNNABLE, placed on the first environment of its queue that can take it, then waiting for
   * local vCPUs; a job no environment can take stays RUNNABLE with AWS's reason until cancelled.
   */
  private makeRunnable(job: Job): void {
    const queue = this.store.queue(job.jobQueue);
    const placement = placeJob(queue, (arn) => this.store.computeEnvironment(arn), requirementsOf(job));
    if (placement.kind === 'placed') {
      job.computeEnvironment = placement.environment;
      this.set(job, 'RUNNABLE');
      this.scheduler.enqueue(job);
      return;
    }
    this.set(job, 'RUNNABLE', placement.kind === 'blocked' ? placement.statusReason : undefined);
    this.blocked.hold(job, queue, placement);
  }

  /** The job role's credentials, as the container credentials endpoint gives them on Batch. */
  private roleVariables(job: Job): Record<string, string> {
    const role = job.container.jobRoleArn;
    if (!role || !this.options.credentialsFor) return {};
    return credentialVariables(this.options.credentialsFor(role, job.jobId));
  }

  private async startAttempt(job: Job): Promise<void> {
    this.set(job, 'STARTING');
    await this.options.faults.delay('batchStartDelayMs');
    if (job.terminated !== undefined || this.stopping) {
      this.scheduler.release(job);
      this.finish(job, 'FAILED', job.terminated ?? 'The local cloud was stopped');
      return;
    }
    const number = job.attempts.length + 1;
    const program = programLine(
      job.definition,
      substituteParameters(job.container.command, job.parameters),
      job.numNodes,
    );
    let startedAt = Date.now();
    const run = new AttemptRun({
      program,
      cwd: job.definition.rootDir,
      env: jobEnvironment(job, number, { ...this.options.env, ...this.roleVariables(job) }),
      logFile: join(this.logDir, `${job.jobId}.log`),
      header: `=== ${new Date(startedAt).toISOString()} attempt ${number}: ${program.join(' ')}\n`,
      timeoutMs: job.timeoutS === undefined ? undefined : job.timeoutS * 1000,
      killAfterMs: this.options.faults.batchKillAfterMs(),
      killGraceMs: this.options.killGraceMs,
      onRunning: () => {
        startedAt = Date.now();
        job.startedAt = startedAt;
        this.set(job, 'RUNNING');
      },
    });
    this.attempts.set(job.jobId, run);
    const outcome = await run.outcome;
    this.attempts.delete(job.jobId);
    this.scheduler.release(job);
    this.endAttempt(job, run, outcome, startedAt);
  }

  private endAttempt(job: Job, run: AttemptRun, outcome: AttemptOutcome, startedAt: number): void {
    const stoppedAt = Date.now();
    job.attempts.push({
      container: {
        exitCode: outcome.exitCode,
        reason: outcome.reason,
        logStreamName: `local/${job.jobId}`,
        ...attemptArns(job.computeEnvironment, job.jobId, job.attempts.length + 1),
      },
      startedAt,
      stoppedAt,
      statusReason: outcome.statusReason,
    });
    const cause = run.stopCause?.kind;
    if (cause === 'spot') this.options.faults.batchKilled();
    if (outcome.exitCode === 0 && cause === undefined) {
      this.finish(job, 'SUCCEEDED', outcome.statusReason);
      return;
    }
    const retryable = cause !== 'timeout' && cause !== 'terminate' && !this.stopping;
    if (retryable && shouldRetry(job.retryStrategy, job.attempts.length, outcome)) {
      this.set(job, 'RUNNABLE', outcome.statusReason);
      this.scheduler.enqueue(job);
      return;
    }
    this.finish(job, 'FAILED', outcome.statusReason);
  }

  private finish(job: Job, status: 'SUCCEEDED' | 'FAILED', statusReason: string): void {
    this.pending.delete(job);
    this.scheduler.remove(job);
    job.stoppedAt = Date.now();
    this.set(job, status, statusReason);
    const parent = job.parentId === undefined ? undefined : this.store.jobs.get(job.parentId);
    if (parent) this.settleParent(parent);
    for (const waiting of [...this.pending]) this.advance(waiting);
  }

  private settleParent(parent: Job): void {
    const children = this.store.children(parent);
    const started = children.map((child) => child.startedAt).filter((at): at is number => at !== undefined);
    if (started.length > 0) parent.startedAt = Math.min(...started);
    if (!children.every((child) => isDone(child.status)) || isDone(parent.status)) return;
    const failed = children.some((child) => child.status === 'FAILED');
    this.finish(
      parent,
      failed ? 'FAILED' : 'SUCCEEDED',
      failed ? 'Array Child Job failed' : 'Array Child Jobs succeeded',
    );
  }

  /** CancelJob: jobs not yet STARTING fail with the reason; running ones go on. */
  cancel(job: Job, reason: string): void {
    if (job.arraySize !== undefined) {
      for (const child of this.store.children(job)) this.cancel(child, reason);
      return;
    }
    if (['SUBMITTED', 'PENDING', 'RUNNABLE'].includes(job.status)) this.finish(job, 'FAILED', reason);
  }

  /** TerminateJob: like cancel, and STARTING/RUNNING attempts are ended (SIGTERM, then SIGKILL), not retried. */
  terminate(job: Job, reason: string): void {
    if (job.arraySize !== undefined) {
      for (const child of this.store.children(job)) this.terminate(child, reason);
      return;
    }
    if (job.status === 'STARTING' || job.status === 'RUNNING') {
      job.terminated = reason;
      this.attempts.get(job.jobId)?.stop({ kind: 'terminate', reason });
    } else this.cancel(job, reason);
  }

  /** Ends every job process (whole process groups) and waits for them. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.blocked.clear();
    const runs = [...this.attempts.values()];
    for (const run of runs) run.stop({ kind: 'terminate', reason: 'The local cloud was stopped' });
    const force = setTimeout(() => {
      for (const run of runs) run.kill();
    }, SHUTDOWN_GRACE_MS);
    await Promise.all(runs.map((run) => run.outcome));
    clearTimeout(force);
  }
}
