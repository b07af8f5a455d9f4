import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { SeislessError } from '@seisless/core';
import { LOCAL_CREDENTIALS } from '../env';
import type { Faults } from '../faults';
import { bundleInternal } from '../internalBundle';
import { LOCAL_CLOUD_DIR } from '../paths';
import type { FunctionDef } from '../wiring/model';
import type { Outcome } from './environment';
import { nodeFor } from './nodeRuntime';
import { FunctionPool, type PoolDeps, type RoleCredentials } from './pool';
import type { LambdaError } from './protocol';

export type InvokeResult = Outcome & { requestId: string };

export interface LambdaServiceOptions {
  /** Logs go to `<dataDir>/lambda/logs/<function>.log`. */
  dataDir: string;
  cacheDir: string;
  region: string;
  accountId: string;
  env: Record<string, string>;
  faults: Faults;
  /** Concurrent invocations per function (Lambda's reserved concurrency); more wait. */
  maxConcurrency: number;
  /** Credentials of an execution role; default: the local administrator's. */
  credentialsFor?: (roleArn: string, sessionName?: string) => RoleCredentials;
}

function crash(requestId: string, when: 'before' | 'after'): LambdaError {
  return {
    errorType: 'Runtime.ExitError',
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed (injected crash ${when} side effects)`,
  };
}

/**
 * The packaged functions as Lambda runs them: each artifact extracted once, each execution
 * environment a child process of the runtime's Node (nodejs22.x → Node 22).
 */
export class LambdaService {
  private readonly functions: Map<string, FunctionDef>;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly logs = new Map<string, WriteStream>();
  private runtime?: Promise<string>;
  private stopping = false;

  constructor(
    functions: FunctionDef[],
    private readonly options: LambdaServiceOptions,
  ) {
    this.functions = new Map(functions.map((fn) => [fn.name, fn]));
    // A runtime without its Node fails start-up, not the first invocation minutes later.
    for (const runtime of new Set(functions.map((fn) => fn.runtime))) nodeFor(runtime);
    mkdirSync(join(options.dataDir, 'lambda', 'logs'), { recursive: true });
  }

  has(name: string): boolean {
    return this.functions.has(name);
  }

  get(name: string): FunctionDef | undefined {
    return this.functions.get(name);
  }

  /**
   * Invokes a function synchronously (RequestResponse) with the given event. Failures come back as
   * `{ ok: false, error }` exactly as Lambda reports them, never as a thrown error.
   */
  async invoke(name: string, event: unknown): Promise<InvokeResult> {
    const requestId = randomUUID();
    const pool = this.pool(name);
    const { faults } = this.options;
    await faults.delay('lambdaDelayMs');
    const log = this.log(name);
    log(`START RequestId: ${requestId} Version: $LATEST\n`);
    const started = performance.now();
    let outcome: Outcome;
    if (faults.crashBefore(name)) outcome = { ok: false, error: crash(requestId, 'before') };
    else {
      outcome = await pool.invoke(event, requestId);
      if (outcome.ok && faults.crashAfter(name)) outcome = { ok: false, error: crash(requestId, 'after') };
    }
    const ms = performance.now() - started;
    if (!outcome.ok) log(`${requestId}\tERROR\t${outcome.error.errorType}: ${outcome.error.errorMessage}\n`);
    log(`END RequestId: ${requestId}\nREPORT RequestId: ${requestId}\tDuration: ${ms.toFixed(2)} ms\n`);
    return { ...outcome, requestId };
  }

  /**
   * Warms one execution environment of every function, all at once: one after the other took
   * ~14 s for the ten functions of a run, so the later ones were still cold when first needed.
   * Resolves with the names of the warm ones.
   */
  async prewarm(): Promise<string[]> {
    const names = [...this.functions.keys()];
    const warm = await Promise.all(names.map((name) => (this.stopping ? false : this.pool(name).prewarm())));
    return names.filter((_, i) => warm[i]);
  }

  private pool(name: string): FunctionPool {
    const fn = this.functions.get(name);
    if (!fn)
      throw new SeislessError(`Function not found: ${name}; known: ${[...this.functions.keys()].join(', ')}`);
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new FunctionPool(fn, this.poolDeps(name));
      this.pools.set(name, pool);
    }
    return pool;
  }

  private poolDeps(name: string): PoolDeps {
    const { cacheDir, region, accountId, env, maxConcurrency } = this.options;
    this.runtime ??= bundleInternal('lambda-runtime', join(LOCAL_CLOUD_DIR, 'lambda', 'runtime.ts'), 'cjs');
    const runtime = this.runtime;
    return {
      cacheDir,
      region,
      accountId,
      env,
      maxConcurrency,
      credentialsFor: this.options.credentialsFor ?? (() => LOCAL_CREDENTIALS),
      runtime: () => runtime,
      log: this.log(name),
    };
  }

  /** Appends to `<dataDir>/lambda/logs/<function>.log` (the function's CloudWatch log stream). */
  private log(name: string): (text: string) => void {
    let stream = this.logs.get(name);
    if (!stream) {
      stream = createWriteStream(join(this.options.dataDir, 'lambda', 'logs', `${name}.log`), { flags: 'a' });
      this.logs.set(name, stream);
    }
    const target = stream;
    return (text) => {
      // An invocation ended by stop() reports after the log is closed: its lines are dropped.
      if (!target.writableEnded) target.write(text);
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.pools.values()].map((pool) => pool.stop()));
    await Promise.all([...this.logs.values()].map((stream) => new Promise((done) => stream.end(done))));
  }
}
