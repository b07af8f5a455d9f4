import { randomBytes } from 'node:crypto';
import { ApiError } from '../http';

/** The execution that issued a token; IAM authorises callbacks on its state machine. */
export interface TokenOwner {
  readonly executionArn: string;
  readonly stateMachineArn: string;
}

/** The waiting task behind an open token. */
export interface TokenWaiter {
  succeed(output: unknown): void;
  fail(error: string | undefined, cause: string | undefined): void;
  heartbeat(): void;
  /** The task ended without an answer (its execution stopped): release it. */
  abandon(): void;
}

interface TokenEntry {
  readonly owner: TokenOwner;
  /** Undefined once the task has ended: the token is closed. */
  waiter?: TokenWaiter;
}

/** `AQ` and 128 base64url characters: long and opaque, as Step Functions' own tokens are. */
const TOKEN = /^AQ[A-Za-z0-9_-]{128}$/;

/**
 * The task tokens of `.waitForTaskToken` Tasks: issued when such a Task is entered, open while it
 * waits, closed when it ends (answered, failed, timed out, or its execution stopped). Closed tokens
 * are kept, so that a late answer gets `TaskTimedOut` and IAM still knows their state machine.
 */
export class TaskTokens {
  private readonly entries = new Map<string, TokenEntry>();
  private readonly openByExecution = new Map<string, Set<string>>();

  /** A fresh token (not yet registered). */
  mint(): string {
    return `AQ${randomBytes(96).toString('base64url')}`;
  }

  /** Registers a token as open, answered through `waiter`. */
  open(token: string, owner: TokenOwner, waiter: TokenWaiter): void {
    this.entries.set(token, { owner, waiter });
    const open = this.openByExecution.get(owner.executionArn) ?? new Set<string>();
    open.add(token);
    this.openByExecution.set(owner.executionArn, open);
  }

  /** The state machine whose execution issued a token; undefined for a token never issued here. */
  machineOf(token: unknown): string | undefined {
    return typeof token === 'string' ? this.entries.get(token)?.owner.stateMachineArn : undefined;
  }

  /** SendTaskSuccess: closes the token and hands the output to its task. */
  succeed(token: unknown, output: unknown): void {
    const waiter = this.openWaiter(token);
    this.close(token as string);
    waiter.succeed(output);
  }

  /** SendTaskFailure: closes the token and fails its task. */
  fail(token: unknown, error: string | undefined, cause: string | undefined): void {
    const waiter = this.openWaiter(token);
    this.close(token as string);
    waiter.fail(error, cause);
  }

  /** SendTaskHeartbeat: the task is still being worked on. */
  heartbeat(token: unknown): void {
    this.openWaiter(token).heartbeat();
  }

  /** The task behind a token ended; answers to it are `TaskTimedOut` from now on. */
  close(token: string): void {
    const entry = this.entries.get(token);
    if (entry?.waiter === undefined) return;
    entry.waiter = undefined;
    this.openByExecution.get(entry.owner.executionArn)?.delete(token);
  }

  /** Closes every open token of an execution that stopped, releasing their tasks. */
  closeExecution(executionArn: string): void {
    const open = [...(this.openByExecution.get(executionArn) ?? [])];
    this.openByExecution.delete(executionArn);
    for (const token of open) {
      const entry = this.entries.get(token);
      const waiter = entry?.waiter;
      if (entry) entry.waiter = undefined;
      waiter?.abandon();
    }
  }

  private openWaiter(token: unknown): TokenWaiter {
    const entry = typeof token === 'string' && TOKEN.test(token) ? this.entries.get(token) : undefined;
    if (entry === undefined) throw new ApiError(400, 'InvalidToken', 'Invalid token');
    if (entry.waiter === undefined) {
      throw new ApiError(400, 'TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    return entry.waiter;
  }
}
