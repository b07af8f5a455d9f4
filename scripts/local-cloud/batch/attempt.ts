import type { AttemptOutcome } from './model';
import { type JobProcess, type SpawnOptions, spawnJob } from './process';

/** Why an attempt was ended from outside, if it was. */
export type StopCause = { kind: 'timeout' } | { kind: 'spot' } | { kind: 'terminate'; reason: string };

export const SPOT_REASON = 'Host EC2 (instance i-0localcloud000000) terminated.';
export const TIMEOUT_REASON = 'Job attempt duration exceeded timeout';
export const EXITED_REASON = 'Essential container in task exited';

export interface AttemptOptions extends SpawnOptions {
  /** `attemptDurationSeconds`: the attempt is ended (SIGTERM, then SIGKILL) after this long. */
  timeoutMs?: number;
  /** The injected spot interruption, if this attempt gets one (ms after start). */
  killAfterMs?: number;
  /** Time between SIGTERM and SIGKILL. */
  killGraceMs: number;
  onRunning: () => void;
}

/** One attempt of a job: its process, its timeout and injected interruption, and how it ended. */
export class AttemptRun {
  private readonly process: JobProcess;
  private cause?: StopCause;
  private readonly timers: NodeJS.Timeout[] = [];
  readonly outcome: Promise<AttemptOutcome>;

  constructor(private readonly options: AttemptOptions) {
    this.process = spawnJob(options);
    this.process.started.then(
      () => this.running(),
      () => undefined,
    );
    this.outcome = this.process.exited.then((exit) => {
      for (const timer of this.timers) clearTimeout(timer);
      if (exit.startError !== undefined) {
        const reason = `CannotStartContainerError: ${exit.startError}`;
        return { reason, statusReason: reason };
      }
      return outcomeOf(this.cause, exit.exitCode);
    });
  }

  private running(): void {
    this.options.onRunning();
    const { timeoutMs, killAfterMs } = this.options;
    if (timeoutMs !== undefined)
      this.timers.push(setTimeout(() => this.stop({ kind: 'timeout' }), timeoutMs));
    if (killAfterMs !== undefined)
      this.timers.push(setTimeout(() => this.stop({ kind: 'spot' }), killAfterMs));
  }

  /** Ends the attempt: a spot interruption kills at once, the others get SIGTERM and a grace period. */
  stop(cause: StopCause): void {
    if (this.cause) return;
    this.cause = cause;
    if (cause.kind === 'spot') {
      this.process.signal('SIGKILL');
      return;
    }
    this.process.signal('SIGTERM');
    const timer = setTimeout(() => this.process.signal('SIGKILL'), this.options.killGraceMs);
    this.timers.push(timer);
  }

  /** SIGKILL to the whole process group, now. */
  kill(): void {
    this.process.signal('SIGKILL');
  }

  /** The kind of stop, for deciding on retries (timeouts and terminations are never retried). */
  get stopCause(): StopCause | undefined {
    return this.cause;
  }
}

function outcomeOf(cause: StopCause | undefined, exitCode: number | undefined): AttemptOutcome {
  switch (cause?.kind) {
    case 'spot':
      return { statusReason: SPOT_REASON };
    case 'timeout':
      return { exitCode, statusReason: TIMEOUT_REASON };
    case 'terminate':
      return { exitCode, statusReason: cause.reason };
    default:
      return { exitCode, statusReason: EXITED_REASON };
  }
}
