import { type ChildProcess, fork } from 'node:child_process';
import { OutputStream } from './outputStream';
import type { InvokeMessage, LambdaError, RuntimeData, RuntimeMessage } from './protocol';

export type Outcome = { ok: true; payload: unknown } | { ok: false; error: LambdaError };

export interface EnvironmentOptions {
  /** The runtime entry (bundled `runtime.ts`). */
  runtime: string;
  /** The Node binary of the function's runtime (`nodejs22.x` → Node 22). */
  node: string;
  data: RuntimeData;
  env: Record<string, string>;
  /** Receives the process's stdout and stderr (the function's log). */
  log: (text: string) => void;
}

function exitError(reason: string): LambdaError {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${reason}` };
}

function exitReason(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal: ${signal}` : `exit status ${code}`;
}

/**
 * One Lambda execution environment: a child process of the runtime's Node with the function's
 * environment variables, `memorySize` as its heap limit and the artifact as its working folder.
 * It serves one invocation at a time.
 */
export class ExecutionEnvironment {
  readonly taskRoot: string;
  private pending?: { requestId: string; settle: (outcome: Outcome) => void };
  private alive = true;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    data: RuntimeData,
    outputs: readonly OutputStream[],
  ) {
    this.taskRoot = data.taskRoot;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: RuntimeMessage) => {
      if (message.type !== 'result' || message.requestId !== this.pending?.requestId) return;
      const { requestId } = message;
      // Settle once the invocation's output is in the log (END follows it, as on Lambda).
      void Promise.all(outputs.map((output) => output.flushed(requestId))).then(() => {
        if (this.pending?.requestId !== requestId) return; // timed out or exited meanwhile
        const { settle } = this.pending;
        this.pending = undefined;
        settle(message.ok ? { ok: true, payload: message.payload } : { ok: false, error: message.error });
      });
    });
    child.once('exit', () => {
      for (const output of outputs) output.close();
    });
    // A failed send or kill surfaces through 'exit' (or the invocation's timeout), not as a crash.
    child.on('error', () => undefined);
    child.on('exit', (code, signal) => {
      this.alive = false;
      const pending = this.pending;
      this.pending = undefined;
      pending?.settle({ ok: false, error: exitError(exitReason(code, signal)) });
    });
  }

  /** Starts the process and loads the handler (the cold start); an init failure is returned as an error. */
  static create(options: EnvironmentOptions): Promise<ExecutionEnvironment | LambdaError> {
    const child = fork(options.runtime, [], {
      execPath: options.node,
      execArgv: [`--max-old-space-size=${options.data.memoryMb}`],
      cwd: options.data.taskRoot,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const outputs = [child.stdout, child.stderr].map((stream) => new OutputStream(stream, options.log));
    return new Promise((resolve) => {
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void =>
        resolve(exitError(exitReason(code, signal)));
      // `on`, not `once`: a binary that fails to spawn also fails the init message that follows.
      child.on('error', (error) => resolve(exitError(error.message)));
      child.once('exit', onExit);
      child.once('message', (message: RuntimeMessage) => {
        child.off('exit', onExit);
        if (message.type === 'ready') resolve(new ExecutionEnvironment(child, options.data, outputs));
        else {
          child.kill('SIGKILL');
          resolve(message.type === 'initError' ? message.error : exitError('unexpected first message'));
        }
      });
      child.send({ type: 'init', data: options.data });
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  invoke(event: unknown, requestId: string, deadline: number): Promise<Outcome> {
    return new Promise((settle) => {
      this.pending = { requestId, settle };
      const message: InvokeMessage = { type: 'invoke', requestId, event, deadline };
      this.child.send(message, (error) => {
        if (error) this.terminate();
      });
    });
  }

  /** Kills the process (Lambda does not let a timed-out or discarded environment finish). */
  async terminate(): Promise<void> {
    this.alive = false;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }
}
