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
