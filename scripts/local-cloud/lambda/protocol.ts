/** Messages between the local cloud and a Lambda execution environment (a child process, over IPC). */

/** A failed invocation as Lambda reports it (`FunctionError` payload). */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

/** What the runtime needs to load the function: sent once, as the first message. */
export interface RuntimeData {
  /** The extracted artifact (`LAMBDA_TASK_ROOT`). */
  taskRoot: string;
  /** `src/handlers/reduce.handler`: module path inside the task root and export. */
  handler: string;
  functionName: string;
  memoryMb: number;
  region: string;
  accountId: string;
}

export interface InitMessage {
  type: 'init';
  data: RuntimeData;
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch ms at which the invocation times out. */
  deadline: number;
}

export type HostMessage = InitMessage | InvokeMessage;

export type RuntimeMessage =
  | { type: 'ready' }
  | { type: 'initError'; error: LambdaError }
  | { type: 'result'; requestId: string; ok: true; payload: unknown }
  | { type: 'result'; requestId: string; ok: false; error: LambdaError };

/** Starts every flush marker; its NUL never appears in a function's text output. */
const FLUSH_PREFIX = '\u0000seisless-flushed ';

/**
 * Written by the runtime to stdout and stderr after an invocation's handler settles, before its
 * result: once the host has read it from both, the invocation's output is all in the log.
 */
export const flushMarker = (requestId: string): string => `${FLUSH_PREFIX}${requestId}\n`;

/** Finds the flush markers in a stream's text; group 1 is the request id. */
export const FLUSH_MARKERS = new RegExp(`${FLUSH_PREFIX}(\\S+)\n`, 'g');

/** Turns anything thrown into the `{ errorType, errorMessage, trace }` shape of the Node.js runtime. */
export function toLambdaError(thrown: unknown): LambdaError {
  if (thrown instanceof Error) {
    return {
      errorType: thrown.name || 'Error',
      errorMessage: thrown.message,
      trace: (thrown.stack ?? '').split('\n'),
    };
  }
  return { errorType: typeof thrown, errorMessage: String(thrown) };
}
