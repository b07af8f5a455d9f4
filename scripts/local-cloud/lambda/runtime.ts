/**
 * A Lambda execution environment: a child process of the functions' Node (nodejs22.x) with the
 * function's own environment and heap limit. It receives the function on its first IPC message,
 * loads the handler from the extracted artifact once (the cold start) and then serves one
 * invocation at a time with a Lambda-shaped context. Bundled with esbuild, run with plain node.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  flushMarker,
  type HostMessage,
  type InvokeMessage,
  type LambdaError,
  type RuntimeData,
  type RuntimeMessage,
  toLambdaError,
} from './protocol';

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

/** Module extensions the Node.js runtime tries, in its order. */
const MODULE_EXTENSIONS = ['.js', '.mjs', '.cjs'];
/** A dependency the artifact lacks (left external and not packaged). */
const MISSING_MODULE_CODES = ['MODULE_NOT_FOUND', 'ERR_MODULE_NOT_FOUND'];

const post = (message: RuntimeMessage): void => {
  process.send?.(message);
};

function lambdaError(errorType: string, errorMessage: string): Error {
  return Object.assign(new Error(errorMessage), { name: errorType });
}

function context(data: RuntimeData, message: InvokeMessage): Record<string, unknown> {
  const { functionName, memoryMb, region, accountId } = data;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: message.requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, message.deadline - Date.now()),
  };
}

/** Calls an async handler, or a callback-style one (three parameters), and settles once. */
function call(handler: Handler, event: unknown, ctx: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (error?: unknown, result?: unknown): void => (error ? reject(error) : resolve(result));
    Object.assign(ctx, {
      done: callback,
      succeed: (r: unknown) => resolve(r),
      fail: (e: unknown) => reject(e),
    });
    try {
      const returned = handler(event, ctx, callback);
      if (returned && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(resolve, reject);
      } else if (handler.length < 3) {
        resolve(returned);
      }
    } catch (error) {
      reject(error);
    }
  });
}

async function invoke(data: RuntimeData, handler: Handler, message: InvokeMessage): Promise<void> {
  let outcome: RuntimeMessage;
  try {
    const result = await call(handler, message.event, context(data, message));
    // Lambda returns JSON: what does not survive serialisation does not reach the caller.
    const payload = result === undefined ? null : JSON.parse(JSON.stringify(result));
    outcome = { type: 'result', requestId: message.requestId, ok: true, payload };
  } catch (error) {
    outcome = { type: 'result', requestId: message.requestId, ok: false, error: toLambdaError(error) };
  }
  // The host reads stdout, stderr and IPC separately: the marker tells it that the invocation's
  // output has all arrived, so that its log holds the output before END, as Lambda's does.
  for (const stream of [process.stdout, process.stderr]) stream.write(flushMarker(message.requestId));
  post(outcome);
}

/** `src/handlers/reduce.handler` → module `src/handlers/reduce`, export path `handler` (dots nest). */
function splitHandler(handler: string): { module: string; path: string[] } {
  const dot = handler.indexOf('.', handler.lastIndexOf('/') + 1);
  if (dot <= handler.lastIndexOf('/') + 1 || dot === handler.length - 1) {
    throw lambdaError('Runtime.MalformedHandlerName', `Bad handler ${handler}`);
  }
  return { module: handler.slice(0, dot), path: handler.slice(dot + 1).split('.') };
}

async function importModule(taskRoot: string, module: string): Promise<Record<string, unknown>> {
  const file = MODULE_EXTENSIONS.map((ext) => join(taskRoot, module + ext)).find((path) => existsSync(path));
  if (!file) throw lambdaError('Runtime.ImportModuleError', `Error: Cannot find module '${module}'`);
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    // As the Node.js runtime reports them; any other error thrown while loading keeps its own type.
    if (error instanceof SyntaxError) throw lambdaError('Runtime.UserCodeSyntaxError', String(error));
    const code = (error as { code?: string }).code ?? '';
    if (MISSING_MODULE_CODES.includes(code)) throw lambdaError('Runtime.ImportModuleError', String(error));
    throw error;
  }
}

async function load(data: RuntimeData): Promise<Handler> {
  const { module, path } = splitHandler(data.handler);
  const loaded = await importModule(data.taskRoot, module);
  const find = (root: unknown): unknown =>
    path.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], root);
  const handler = find(loaded) ?? find(loaded.default);
  if (typeof handler !== 'function') {
    throw lambdaError('Runtime.HandlerNotFound', `${data.handler} is undefined or not exported`);
  }
  return handler as Handler;
}

function start(data: RuntimeData): void {
  load(data).then(
    (handler) => {
      process.on('message', (message: HostMessage) => {
        if (message.type === 'invoke') void invoke(data, handler, message);
      });
      post({ type: 'ready' });
    },
    (error: unknown) => post({ type: 'initError', error: toLambdaError(error) satisfies LambdaError }),
  );
}

// The local cloud is gone (it crashed or was killed): an orphaned environment must not linger.
process.on('disconnect', () => process.exit(0));
process.once('message', (message: HostMessage) => {
  if (message.type === 'init') start(message.data);
});
