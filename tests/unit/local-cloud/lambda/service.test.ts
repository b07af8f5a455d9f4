import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { Faults } from '../../../../scripts/local-cloud/faults';
import { LambdaService, type LambdaServiceOptions } from '../../../../scripts/local-cloud/lambda/service';
import type { FunctionDef } from '../../../../scripts/local-cloud/wiring/model';

/** The packaged module of the fixture functions, as serverless-esbuild writes it (CommonJS). */
const HANDLERS = `
const { getHeapStatistics } = require('node:v8');
const { writeFileSync } = require('node:fs');
const pick = (names) => Object.fromEntries(names.map((name) => [name, process.env[name]]));
exports.info = async (event, context) => ({
  pid: process.pid,
  version: process.version,
  cwd: process.cwd(),
  heapLimitMb: getHeapStatistics().heap_size_limit / 2 ** 20,
  remainingMs: context.getRemainingTimeInMillis(),
  requestId: context.awsRequestId,
  event,
  env: pick(['AWS_EXECUTION_ENV', 'LAMBDA_TASK_ROOT', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN', 'AWS_LAMBDA_FUNCTION_NAME', 'CUSTOM', 'AWS_ENDPOINT_URL_S3']),
});
exports.sleep = async (event) => {
  writeFileSync(process.env.PID_FILE, String(process.pid));
  await new Promise((resolve) => setTimeout(resolve, event.ms));
  return { pid: process.pid };
};
exports.exit = async () => process.exit(3);
exports.log = async () => { console.log('hello from the handler'); return null; };
exports.version = async () => VERSION;
`;

const isRunning = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('LambdaService', () => {
  let dir: string;
  let artifact: string;
  let service: LambdaService | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'seisless-lambda-'));
    artifact = join(dir, 'fns.zip');
    writeArtifact(1);
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  function writeArtifact(version: number): void {
    const source = `const VERSION = ${version};\n${HANDLERS}`;
    const broken = strToU8('exports.handler = ;');
    writeFileSync(
      artifact,
      zipSync({ 'src/handlers/fns.js': strToU8(source), 'src/handlers/broken.js': broken }),
    );
  }

  const fn = (key: string, overrides: Partial<FunctionDef> = {}): FunctionDef => ({
    name: `svc-local-${key}`,
    arn: `arn:aws:lambda:us-east-1:000000000000:function:svc-local-${key}`,
    key,
    service: 'svc',
    serviceDir: dir,
    handler: `src/handlers/fns.${key}`,
    runtime: 'nodejs22.x',
    artifact,
    roleArn: 'arn:aws:iam::000000000000:role/svc-local-lambdaRole',
    timeoutS: 10,
    memoryMb: 256,
    architecture: 'x86_64',
    environment: { CUSTOM: 'custom', PID_FILE: join(dir, `${key}.pid`) },
    ...overrides,
  });

  const start = (functions: FunctionDef[], options: Partial<LambdaServiceOptions> = {}): LambdaService => {
    service = new LambdaService(functions, {
      dataDir: dir,
      cacheDir: join(dir, 'cache'),
      region: 'us-east-1',
      accountId: '000000000000',
      env: {
        AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
        AWS_ACCESS_KEY_ID: 'admin',
        AWS_SECRET_ACCESS_KEY: 'admin',
      },
      faults: new Faults(),
      maxConcurrency: 10,
      ...options,
    });
    return service;
  };

  const payload = <T>(result: Awaited<ReturnType<LambdaService['invoke']>>): T => {
    if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
    return result.payload as T;
  };

  interface Info {
    pid: number;
    version: string;
    cwd: string;
    heapLimitMb: number;
    remainingMs: number;
    requestId: string;
    event: unknown;
    env: Record<string, string | undefined>;
  }

  it('runs the packaged handler on Node 22 in its own process, as the function and its role', async () => {
    const lambda = start([fn('info')], {
      credentialsFor: (roleArn) => ({
        accessKeyId: `key-of-${roleArn}`,
        secretAccessKey: 's',
        sessionToken: 't',
      }),
    });

    const result = await lambda.invoke('svc-local-info', { hello: 'world' });

    const info = payload<Info>(result);
    expect(info.version).toMatch(/^v22\./);
    expect(info.pid).not.toBe(process.pid);
    expect(info.cwd).toBe(info.env.LAMBDA_TASK_ROOT);
    expect(info.env.LAMBDA_TASK_ROOT).toMatch(
      new RegExp(`^${dir}/cache/lambda/svc-local-info/[0-9a-f]{16}$`),
    );
    expect(info.env).toMatchObject({
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_ACCESS_KEY_ID: 'key-of-arn:aws:iam::000000000000:role/svc-local-lambdaRole',
      AWS_SECRET_ACCESS_KEY: 's',
      AWS_SESSION_TOKEN: 't',
      AWS_LAMBDA_FUNCTION_NAME: 'svc-local-info',
      CUSTOM: 'custom',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1',
    });
    expect(info.heapLimitMb).toBeGreaterThanOrEqual(256);
    expect(info.heapLimitMb).toBeLessThan(400);
    expect(info.remainingMs).toBeGreaterThan(9000);
    expect(info).toMatchObject({ requestId: result.requestId, event: { hello: 'world' } });
  });

  it('acts with the local administrator credentials until a role provider is given', async () => {
    const info = payload<Info>(await start([fn('info')]).invoke('svc-local-info', {}));

    expect(info.env).toMatchObject({ AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' });
    expect(info.env.AWS_SESSION_TOKEN).toBeUndefined();
  });

  it('reuses a warm environment', async () => {
    const lambda = start([fn('info')]);

    const first = payload<Info>(await lambda.invoke('svc-local-info', {}));
    const second = payload<Info>(await lambda.invoke('svc-local-info', {}));

    expect(second.pid).toBe(first.pid);
  });

  it('starts new environments for a new package of the function', async () => {
    const lambda = start([fn('version')]);
    const before = await lambda.invoke('svc-local-version', {});
    writeArtifact(2);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const after = await lambda.invoke('svc-local-version', {});

    expect([payload(before), payload(after)]).toEqual([1, 2]);
  });

  it('runs at most maxConcurrency invocations of a function at once', async () => {
    const lambda = start([fn('sleep')], { maxConcurrency: 1 });
    const started = performance.now();

    const [a, b] = await Promise.all([1, 2].map(() => lambda.invoke('svc-local-sleep', { ms: 300 })));

    expect(performance.now() - started).toBeGreaterThanOrEqual(600);
    expect(payload<Info>(a as never).pid).toBe(payload<Info>(b as never).pid);
  });

  it('ends a timed-out invocation with Sandbox.Timedout and kills its process', async () => {
    const lambda = start([fn('sleep', { timeoutS: 0.5 })]);

    const result = await lambda.invoke('svc-local-sleep', { ms: 60_000 });

    expect(result).toMatchObject({
      ok: false,
      error: {
        errorType: 'Sandbox.Timedout',
        errorMessage: expect.stringContaining('timed out after 0.50 seconds'),
      },
    });
    const pid = Number(readFileSync(join(dir, 'sleep.pid'), 'utf8'));
    expect(isRunning(pid)).toBe(false);
  });

  it('reports a missing module and a missing export as the Node.js runtime does', async () => {
    const lambda = start([fn('info', { name: 'gone', handler: 'src/handlers/gone.info' }), fn('missing')]);

    const [gone, missing] = await Promise.all([
      lambda.invoke('gone', {}),
      lambda.invoke('svc-local-missing', {}),
    ]);

    expect(gone).toMatchObject({
      ok: false,
      error: {
        errorType: 'Runtime.ImportModuleError',
        errorMessage: "Error: Cannot find module 'src/handlers/gone'",
      },
    });
    expect(missing).toMatchObject({
      ok: false,
      error: {
        errorType: 'Runtime.HandlerNotFound',
        errorMessage: 'src/handlers/fns.missing is undefined or not exported',
      },
    });
  });

  it('reports a handler string without an export and a module that does not parse', async () => {
    const lambda = start([
      fn('info', { name: 'malformed', handler: 'src/handlers/fns' }),
      fn('info', { name: 'broken', handler: 'src/handlers/broken.handler' }),
    ]);

    const [malformed, broken] = await Promise.all([
      lambda.invoke('malformed', {}),
      lambda.invoke('broken', {}),
    ]);

    expect(malformed).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.MalformedHandlerName', errorMessage: 'Bad handler src/handlers/fns' },
    });
    expect(broken).toMatchObject({
      ok: false,
      error: {
        errorType: 'Runtime.UserCodeSyntaxError',
        errorMessage: expect.stringContaining('SyntaxError'),
      },
    });
  });

  it('reports a runtime that exits as Runtime.ExitError', async () => {
    const result = await start([fn('exit')]).invoke('svc-local-exit', {});

    expect(result).toMatchObject({
      ok: false,
      error: { errorType: 'Runtime.ExitError', errorMessage: 'Runtime exited with error: exit status 3' },
    });
  });

  it('injects crashes before and after the handler as Runtime.ExitError', async () => {
    const before = start([fn('sleep')], { faults: new Faults({ seed: 1, lambdaCrashBeforeRate: 1 }) });
    const crashedBefore = await before.invoke('svc-local-sleep', { ms: 0 });
    await before.stop();
    const after = start([fn('sleep')], { faults: new Faults({ seed: 1, lambdaCrashAfterRate: 1 }) });
    const crashedAfter = await after.invoke('svc-local-sleep', { ms: 0 });

    expect(crashedBefore).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect(crashedAfter).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    // The crash before ran nothing; the crash after ran the handler (its side effect is there).
    expect(readFileSync(join(dir, 'sleep.pid'), 'utf8')).toMatch(/^\d+$/);
  });

  it('prewarms every function, and stop() leaves no process running, busy or idle', async () => {
    const lambda = start([fn('info'), fn('sleep')]);
    const warm = await lambda.prewarm();
    const { pid } = payload<Info>(await lambda.invoke('svc-local-info', {}));
    const busy = lambda.invoke('svc-local-sleep', { ms: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const busyPid = Number(readFileSync(join(dir, 'sleep.pid'), 'utf8'));

    await lambda.stop();

    expect(warm.sort()).toEqual(['svc-local-info', 'svc-local-sleep']);
    expect(await busy).toMatchObject({ ok: false, error: { errorType: 'Runtime.ExitError' } });
    expect([isRunning(pid), isRunning(busyPid)]).toEqual([false, false]);
  });

  it("writes START, the function's output, END and REPORT to its log", async () => {
    const lambda = start([fn('log')]);

    const { requestId } = await lambda.invoke('svc-local-log', {});
    await lambda.stop();

    const log = readFileSync(join(dir, 'lambda', 'logs', 'svc-local-log.log'), 'utf8');
    expect(log).toMatch(
      new RegExp(
        `START RequestId: ${requestId} Version: \\$LATEST\\n[^]*hello from the handler\\n[^]*` +
          `END RequestId: ${requestId}\\nREPORT RequestId: ${requestId}\\tDuration: [0-9.]+ ms`,
      ),
    );
  });

  it('fails start-up with one line when a runtime has no Node installed', () => {
    expect(() => start([fn('info', { runtime: 'nodejs18.x' })])).toThrow(
      /^Lambda runtime nodejs18\.x needs Node 18/,
    );
  });
});
