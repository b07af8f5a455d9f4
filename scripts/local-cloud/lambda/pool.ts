import { randomBytes } from 'node:crypto';
import type { FunctionDef } from '../wiring/model';
import { ExecutionEnvironment, type Outcome } from './environment';
import { FunctionCode } from './functionCode';
import { nodeFor } from './nodeRuntime';
import type { LambdaError } from './protocol';

/** Credentials of a role, as the function's execution environment receives them. */
export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface PoolDeps {
  /** Where extracted artifacts are cached (`<cacheDir>/lambda/<function>/<hash>`). */
  cacheDir: string;
  region: string;
  accountId: string;
  /** Variables every function gets (endpoints, region). */
  env: Record<string, string>;
  /** The credentials a function acts with: those of its execution role. */
  /** Credentials of the execution role, for a session named after the function (as Lambda names it). */
  credentialsFor: (roleArn: string, sessionName?: string) => RoleCredentials;
  /** The bundled Lambda runtime (child process entry). */
  runtime: () => Promise<string>;
  maxConcurrency: number;
  log: (text: string) => void;
}

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
  private readonly code: FunctionCode;
  private stopped = false;

  constructor(
    private readonly fn: FunctionDef,
    private readonly deps: PoolDeps,
  ) {
    this.code = new FunctionCode({ functionName: fn.name, artifact: fn.artifact, cacheDir: deps.cacheDir });
  }

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
    const taskRoot = await this.code.taskRoot().catch(() => undefined);
    if (taskRoot === undefined || this.stopped) return false;
    const environment = await this.coldStart(taskRoot);
    if (!(environment instanceof ExecutionEnvironment)) return false;
    if (this.stopped) {
      await environment.terminate();
      return false;
    }
    this.idle.push(environment);
    return true;
  }

  private async run(event: unknown, requestId: string): Promise<Outcome> {
    let taskRoot: string;
    try {
      taskRoot = await this.code.taskRoot();
    } catch (error) {
      return {
        ok: false,
        error: { errorType: 'Runtime.ImportModuleError', errorMessage: (error as Error).message },
      };
    }
    const environment = this.takeIdle(taskRoot) ?? (await this.coldStart(taskRoot));
    if (!(environment instanceof ExecutionEnvironment)) return { ok: false, error: environment };
    this.active.add(environment);
    const outcome = await this.invokeWithTimeout(environment, event, requestId);
    this.active.delete(environment);
    // stop() may have come during a cold start it could not see: nothing may outlive it.
    if (this.stopped) await environment.terminate();
    else if (environment.isAlive) this.idle.push(environment);
    return outcome;
  }

  private async invokeWithTimeout(
    env: ExecutionEnvironment,
    event: unknown,
    requestId: string,
  ): Promise<Outcome> {
    const timeoutMs = this.fn.timeoutS * 1000;
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const timeout = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => {
        expired = true;
        const error = timedOut(requestId, this.fn.timeoutS);
        void env.terminate().then(() => resolve({ ok: false, error }));
      }, timeoutMs);
    });
    try {
      const outcome = await Promise.race([env.invoke(event, requestId, Date.now() + timeoutMs), timeout]);
      // The kill of a timed-out environment also ends its invocation (an exit): report the timeout.
      return expired ? await timeout : outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A warm environment of the current artifact; those of a superseded one are discarded. */
  private takeIdle(taskRoot: string): ExecutionEnvironment | undefined {
    for (let env = this.idle.pop(); env; env = this.idle.pop()) {
      if (env.isAlive && env.taskRoot === taskRoot) return env;
      void env.terminate();
    }
    return undefined;
  }

  private async coldStart(taskRoot: string): Promise<ExecutionEnvironment | LambdaError> {
    const { fn, deps } = this;
    let node: string;
    try {
      node = nodeFor(fn.runtime);
    } catch (error) {
      return { errorType: 'Runtime.InvalidRuntime', errorMessage: (error as Error).message };
    }
    return ExecutionEnvironment.create({
      runtime: await deps.runtime(),
      node,
      data: {
        taskRoot,
        handler: fn.handler,
        functionName: fn.name,
        memoryMb: fn.memoryMb,
        region: deps.region,
        accountId: deps.accountId,
      },
      env: functionEnvironment(fn, deps, taskRoot),
      log: deps.log,
    });
  }

  /** Ends every environment, idle or busy (a busy one's invocation fails with `Runtime.ExitError`). */
  async stop(): Promise<void> {
    this.stopped = true;
    const all = [...this.idle, ...this.active];
    this.idle = [];
    await Promise.all(all.map((env) => env.terminate()));
  }
}

/** What `process.env` holds inside the function: its own variables, then Lambda's reserved ones. */
export function functionEnvironment(
  fn: FunctionDef,
  deps: Pick<PoolDeps, 'env' | 'credentialsFor'>,
  taskRoot: string,
): Record<string, string> {
  const credentials = deps.credentialsFor(fn.roleArn, fn.name);
  const { AWS_SESSION_TOKEN: _, ...shared } = deps.env;
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    ...fn.environment,
    ...shared,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${randomBytes(16).toString('hex')}`,
    AWS_EXECUTION_ENV: `AWS_Lambda_${fn.runtime}`,
    // As Lambda sets it: Powertools reports `cold_start` only for on-demand environments.
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    LAMBDA_TASK_ROOT: taskRoot,
    _HANDLER: fn.handler,
  };
}
