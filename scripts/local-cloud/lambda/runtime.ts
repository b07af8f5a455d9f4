/**
 * A Lambda execution environment: runs in a worker thread with the function's own environment
 * variables and heap limit, loads the bundled handler once (cold start) and serves one invocation at
 * a time with a Lambda-shaped context. Bundled with esbuild and started with plain node.
 */
import Module from 'node:module';
import { delimiter } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { type InvokeMessage, type RuntimeData, type RuntimeMessage, toLambdaError } from './protocol';

type Handler = (
  event: unknown,
  context: unknown,
  callback: (error?: unknown, result?: unknown) => void,
) => unknown;

const data = workerData as RuntimeData;
const post = (message: RuntimeMessage): void => parentPort?.postMessage(message);

function context(message: InvokeMessage): Record<string, unknown> {
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

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  try {
    const result = await call(handler, message.event, context(message));
    // Lambda returns JSON: what does not survive serialisation does not reach the caller.
    const payload = result === undefined ? null : JSON.parse(JSON.stringify(result));
    post({ type: 'result', requestId: message.requestId, ok: true, payload });
  } catch (error) {
    post({ type: 'result', requestId: message.requestId, ok: false, error: toLambdaError(error) });
  }
}

async function load(): Promise<Handler> {
  if (data.nodePaths.length > 0) {
    process.env.NODE_PATH = data.nodePaths.join(delimiter);
    (Module as unknown as { _initPaths(): void })._initPaths();
  }
  if ((process.env.NODE_OPTIONS ?? '').includes('--enable-source-maps')) process.setSourceMapsEnabled(true);
  const loaded = (await import(pathToFileURL(data.bundle).href)) as Record<string, unknown>;
  const handler =
    loaded[data.exportName] ?? (loaded.default as Record<string, unknown> | undefined)?.[data.exportName];
  if (typeof handler !== 'function') {
    throw Object.assign(new Error(`${data.bundle} does not export '${data.exportName}'`), {
      name: 'Runtime.HandlerNotFound',
    });
  }
  return handler as Handler;
}

load().then(
  (handler) => {
    parentPort?.on('message', (message: InvokeMessage) => {
      void invoke(handler, message);
    });
    post({ type: 'ready' });
  },
  (error: unknown) => {
    const lambdaError = toLambdaError(error);
    if (lambdaError.errorType === 'Error') lambdaError.errorType = 'Runtime.ImportModuleError';
    post({ type: 'initError', error: lambdaError });
  },
);
