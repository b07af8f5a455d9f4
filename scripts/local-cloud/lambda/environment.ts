import { Worker } from 'node:worker_threads';
import type { LambdaError, RuntimeData, RuntimeMessage } from './protocol';

export type Outcome = { ok: true; payload: unknown } | { ok: false; error: LambdaError };

export interface EnvironmentOptions {
  runtime: string;
  data: RuntimeData;
  env: Record<string, string>;
  /** Receives the worker's stdout and stderr (the function's log). */
  log: (text: string) => void;
}

function exitError(reason: string): LambdaError {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${reason}` };
}

/**
 * One Lambda execution environment: a worker thread with the function's environment variables
 * and `memorySize` as its heap limit. It serves one invocation at a time.
 */
export class ExecutionEnvironment {
  readonly bundle: string;
  private pending?: { requestId: string; settle: (outcome: Outcome) => void };
  private alive = true;

  private constructor(
    private readonly worker: Worker,
    data: RuntimeData,
  ) {
    this.bundle = data.bundle;
    worker.on('message', (message: RuntimeMessage) => {
      if (message.type !== 'result' || message.requestId !== this.pending?.requestId) return;
      const { settle } = this.pending;
      this.pending = undefined;
      settle(message.ok ? { ok: true, payload: message.payload } : { ok: false, error: message.error });
    });
    const die = (reason: string): void => {
      this.alive = false;
      const pending = this.pending;
      this.pending = undefined;
      pending?.settle({ ok: false, error: exitError(reason) });
    };
    worker.on('error', (error) => die(error.message));
    worker.on('exit', (code) => die(`exit status ${code}`));
  }

  /** Starts the worker and loads the handler (the cold start); an init failure is returned as an error. */
  static create(options: EnvironmentOptions): Promise<ExecutionEnvironment | LambdaError> {
    const worker = new Worker(options.runtime, {
      workerData: options.data,
      env: options.env,
      resourceLimits: { maxOldGenerationSizeMb: options.data.memoryMb },
      stdout: true,
      stderr: true,
    });
    for (const stream of [worker.stdout, worker.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', options.log);
    }
    return new Promise((resolve) => {
      const onFailure = (reason: string): void => resolve(exitError(reason));
      worker.once('error', (error) => onFailure(error.message));
      worker.once('message', (message: RuntimeMessage) => {
        if (message.type === 'ready') resolve(new ExecutionEnvironment(worker, options.data));
        else if (message.type === 'initError') {
          void worker.terminate();
          resolve(message.error);
        }
      });
    });
  }

  get isAlive(): boolean {
    return this.alive;
  }

  invoke(event: unknown, requestId: string, deadline: number): Promise<Outcome> {
    return new Promise((settle) => {
      this.pending = { requestId, settle };
      this.worker.postMessage({ type: 'invoke', requestId, event, deadline });
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }
}
