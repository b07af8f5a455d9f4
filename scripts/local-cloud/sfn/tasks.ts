import { randomUUID } from 'node:crypto';
import { ConfigError } from '@seisless/core';
import type { InvokeResult } from '../lambda/service';
import type { HistoryLog } from './history';

type Dict = Record<string, unknown>;
type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Every Task state (name → definition) of a definition, including those inside Parallel and Map. */
export function taskStates(definition: Dict): Map<string, Dict> {
  const found = new Map<string, Dict>();
  const visit = (machine: Dict | undefined): void => {
    for (const [name, state] of Object.entries((machine?.States ?? {}) as Record<string, Dict>)) {
      if (state.Type === 'Task') found.set(name, state);
      for (const branch of (state.Branches ?? []) as Dict[]) visit(branch);
      visit((state.ItemProcessor ?? state.Iterator) as Dict | undefined);
    }
  };
  visit(definition);
  return found;
}

const LAMBDA_ARN = /^arn:aws:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;
const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke(\.waitForTaskToken)?$/;

/** What a Task's Resource calls: a function directly, or through the optimised `lambda:invoke`. */
export interface LambdaTarget {
  direct: boolean;
  /** `lambda:invoke.waitForTaskToken`: the task waits for SendTaskSuccess/Failure on its token. */
  callback: boolean;
  functionName?: string;
}

export function lambdaTarget(stateName: string, resource: unknown): LambdaTarget {
  const text = String(resource);
  const direct = LAMBDA_ARN.exec(text);
  if (direct) return { direct: true, callback: false, functionName: direct[1] };
  const optimised = LAMBDA_INVOKE.exec(text);
  if (optimised) return { direct: false, callback: optimised[1] !== undefined };
  throw new ConfigError(
    `Task state '${stateName}': Resource '${text}' is not supported locally; expected a Lambda function ARN, arn:aws:states:::lambda:invoke or arn:aws:states:::lambda:invoke.waitForTaskToken`,
  );
}

/** The function a `lambda:invoke` FunctionName names: a name, or a function ARN (its name is taken). */
export function functionNameOf(value: unknown): string {
  const text = String(value ?? '');
  return LAMBDA_ARN.exec(text)?.[1] ?? text;
}

export interface TaskDeps {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  has: (functionName: string) => boolean;
  history: HistoryLog;
  /** IAM: undefined when the state machine's role may invoke the function, else the denial message. */
  authorize?: (functionName: string) => Promise<string | undefined>;
}

/** The error Retry/Catch see for a failed Lambda call: `name` is the errorType, the message the Cause. */
export function lambdaError(errorType: string, cause: Dict | string): Error {
  const text = typeof cause === 'string' ? cause : JSON.stringify(cause);
  return Object.assign(new Error(text), { name: errorType });
}

/**
 * Why Step Functions could not invoke a function: it does not exist, or the state machine's role may
 * not invoke it (`Lambda.AWSLambdaException` with the SDK's message). Undefined when it can.
 */
export async function invocationRefusal(
  functionName: string,
  deps: Pick<TaskDeps, 'has' | 'authorize'>,
): Promise<Error | undefined> {
  if (!deps.has(functionName)) {
    const errorMessage = `Function not found: ${functionName}`;
    return lambdaError('Lambda.ResourceNotFoundException', {
      errorMessage,
      errorType: 'ResourceNotFoundException',
    });
  }
  const denied = await deps.authorize?.(functionName);
  if (denied === undefined) return undefined;
  const cause = `${denied} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`;
  return lambdaError('Lambda.AWSLambdaException', cause);
}

/** The error of an invocation whose function failed (its errorType, the Cause as Step Functions shows it). */
export function invocationError(result: Extract<InvokeResult, { ok: false }>): Error {
  const { errorType, errorMessage, trace } = result.error;
  return lambdaError(errorType, { errorMessage, errorType, ...(trace ? { trace } : {}) });
}

/** Records a failed Lambda call of a plain Lambda Task and returns its error. */
function failed(history: HistoryLog, error: Error): Error {
  history.add('LambdaFunctionFailed', {
    lambdaFunctionFailedEventDetails: { error: error.name, cause: error.message },
  });
  return error;
}

/** The local handler of one Task state: invokes the function and records Lambda history events. */
export function taskHandler(
  stateName: string,
  state: Dict,
  deps: TaskDeps,
): (input: JsonValue) => Promise<JsonValue> {
  const target = lambdaTarget(stateName, state.Resource);
  return async (input) => {
    // Let the engine's StateEntered event reach the history first.
    await new Promise((resolve) => setImmediate(resolve));
    const functionName = target.functionName ?? functionNameOf((input as Dict | null)?.FunctionName);
    const payload = target.direct ? input : ((input as Dict | null)?.Payload ?? {});
    const resource = target.direct
      ? String(state.Resource)
      : String((input as Dict | null)?.FunctionName ?? '');
    deps.history.add('LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: { resource, input: JSON.stringify(payload) },
    });
    const refusal = await invocationRefusal(functionName, deps);
    if (refusal) throw failed(deps.history, refusal);
    deps.history.add('LambdaFunctionStarted');
    const result = await deps.invoke(functionName, payload);
    if (!result.ok) throw failed(deps.history, invocationError(result));
    deps.history.add('LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: JSON.stringify(result.payload) },
    });
    const output = result.payload as JsonValue;
    return target.direct ? output : { ExecutedVersion: '$LATEST', Payload: output, StatusCode: 200 };
  };
}
