import type { FunctionDef } from '../wiring/model';
import { ExecutionEnvironment, type Outcome } from './environment';
import { bundleFunction, locateHandler } from './functionBundle';
import type { LambdaError } from './protocol';

export interface PoolDeps {
  /** Where function bundles are cached. */
  cacheDir: string;
  region: string;
  accountId: string;
  /** Variables every function gets (endpoints, credentials, region). */
  env: Record<string, string>;
  /** The bundled Lambda runtime (worker entry). */
  runtime: () => Promise<string>;
  nodePaths: string[];
  maxConcurrency: number;
  log: (text: string) => void;
}

/** How often (ms) a warm function checks whether its sources changed. */
const FRESHNESS_CHECK_MS = 1000;

function timedOut(requestId: string, timeoutS: number): LambdaError {
  return {
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutS.toFixed(2)} seconds`,
  };
}

/** The execution environments of one function: reused while warm, one invocation each at a time. */
export class FunctionPool {
  private idle: ExecutionEnvironment[] = [];
  private active = new Set<ExecutionEnvironment>();
  private running = 0;
  private waiting: (() => void)[] = [];
  private bundle?: { outfile: string; checkedAt: number };
  private bundling?: Promise<string>;
  private stopped = false;

  constructor(
    private readonly fn: FunctionDef,
    private readonly deps: PoolDeps,
  ) {}

  async invoke(event: unknown, requestId: string): Promise<Outcome> {
    if (this.running >= this.deps.maxConcurrency) await new Promise<void>((go) => this.waiting.push(go));
    this.running += 1;
    try {
      return await this.run(event, requestId);
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }

  /**
   * Starts one execution environment ahead of the first invocation (as provisioned concurrency
   * does), so the cold start is not paid on the state machine's critical path. A failure is left
   * for the first real invocation to report. Resolves true when an environment is warm.
   */
  async prewarm(): Promise<boolean> {
    if (this.stopped) return false;
    if (this.running > 0 || this.idle.length > 0) return true;
    const located = locateHandler(this.fn);
    if ('errorType' in located) return false;
    const outfile = await this.freshBundle(located.file).catch(() => undefined);
    if (outfile === undefined || this.stopped) return false;
    const environment = await this.coldStart(outfile, located.exportName);
    if (!(environment instanceof ExecutionEnvironment)) return false;
    if (this.stopped) {
      await environment.terminate();
      return false;
    }
    this.idle.push(environment);
    return true;
  }

  private async run(event: unknown, requestId: string): Promise<Outcome> {
    const located = locateHandler(this.fn);
    if ('errorType' in located) return { ok: false, error: located };
    let outfile: string;
    try {
      outfile = await this.freshBundle(located.file);
    } catch (error) {
      return {
        ok: false,
        error: { errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message },
      };
    }
    const environment = this.takeIdle(outfile) ?? (await this.coldStart(outfile, located.exportName));
    if (!(environment instanceof ExecutionEnvironment)) return { ok: false, error: environment };
    this.active.add(environment);
    const outcome = await this.invokeWithTimeout(environment, event, requestId);
    this.active.delete(environment);
    if (environment.isAlive) this.idle.push(environment);
    return outcome;
  }

  private async invokeWithTimeout(
    env: ExecutionEnvironment,
    event: unknown,
    requestId: string,
  ): Promise<Outcome> {
    const timeoutMs = this.fn.timeoutS * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => {
        void env.terminate();
        resolve({ ok: false, error: timedOut(requestId, this.fn.timeoutS) });
      }, timeoutMs);
    });
    try {
      return await Promise.race([env.invoke(event, requestId, Date.now() + timeoutMs), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private takeIdle(outfile: string): ExecutionEnvironment | undefined {
    for (let env = this.idle.pop(); env; env = this.idle.pop()) {
      if (env.isAlive && env.bundle === outfile) return env;
      void env.terminate();
    }
    return undefined;
  }

  private async coldStart(bundle: string, exportName: string): Promise<ExecutionEnvironment | LambdaError> {
    const { fn, deps } = this;
    return ExecutionEnvironment.create({
      runtime: await deps.runtime(),
      data: {
        bundle,
        exportName,
        functionName: fn.name,
        memoryMb: fn.memoryMb,
        region: deps.region,
        accountId: deps.accountId,
        nodePaths: deps.nodePaths,
      },
      env: functionEnvironment(fn, deps),
      log: deps.log,
    });
  }

  /** The current bundle, rebuilt when a source changed (checked at most once a second). */
  private freshBundle(file: string): Promise<string> {
    const now = Date.now();
    if (this.bundle && now - this.bundle.checkedAt < FRESHNESS_CHECK_MS)
      return Promise.resolve(this.bundle.outfile);
    this.bundling ??= bundleFunction(this.fn, file, this.deps.cacheDir)
      .then((outfile) => {
        this.bundle = { outfile, checkedAt: Date.now() };
        return outfile;
      })
      .finally(() => {
        this.bundling = undefined;
      });
    return this.bundling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.idle, ...this.active];
    this.idle = [];
    await Promise.all(all.map((env) => env.terminate()));
  }
}

/** What `process.env` holds inside the function: its own variables, then Lambda's reserved ones. */
export function functionEnvironment(fn: FunctionDef, deps: PoolDeps): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...fn.environment,
    ...deps.env,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${process.pid}`,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
    LAMBDA_TASK_ROOT: fn.serviceDir,
    _HANDLER: fn.handler,
  };
}
