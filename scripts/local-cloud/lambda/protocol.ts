/** Messages between the local cloud and a Lambda execution environment (a worker thread). */

/** A failed invocation as Lambda reports it (`FunctionError` payload). */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export interface RuntimeData {
  /** Bundled handler module (file path). */
  bundle: string;
  exportName: string;
  functionName: string;
  memoryMb: number;
  region: string;
  accountId: string;
  /** Extra module folders for packages a bundle leaves external. */
  nodePaths: string[];
}

export interface InvokeMessage {
  type: 'invoke';
  requestId: string;
  event: unknown;
  /** Epoch ms at which the invocation times out. */
  deadline: number;
}

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
