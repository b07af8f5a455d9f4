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
const LAMBDA_INVOKE = /^arn:aws:states:::lambda:invoke$/;

/** What a Task's Resource calls: a function directly, or through the optimised `lambda:invoke`. */
export function lambdaTarget(
  stateName: string,
  resource: unknown,
): { direct: boolean; functionName?: string } {
  const text = String(resource);
  const direct = LAMBDA_ARN.exec(text);
  if (direct) return { direct: true, functionName: direct[1] };
  if (LAMBDA_INVOKE.test(text)) return { direct: false };
  throw new ConfigError(
    `Task state '${stateName}': Resource '${text}' is not supported locally; expected a Lambda function ARN or arn:aws:states:::lambda:invoke`,
  );
}

export interface TaskDeps {
  invoke: (functionName: string, event: unknown) => Promise<InvokeResult>;
  has: (functionName: string) => boolean;
  history: HistoryLog;
  /** IAM: undefined when the state machine's role may invoke the function, else the denial message. */
  authorize?: (functionName: string) => Promise<string | undefined>;
}

/**
 * Records a failed Lambda call and returns the error Retry/Catch see: its `name` is the errorType
 * (Retry/Catch match on it), its message the Cause as Step Functions shows it.
 */
function failed(history: HistoryLog, errorType: string, cause: Dict | string): Error {
  const text = typeof cause === 'string' ? cause : JSON.stringify(cause);
  history.add('LambdaFunctionFailed', {
    lambdaFunctionFailedEventDetails: { error: errorType, cause: text },
  });
  return Object.assign(new Error(text), { name: errorType });
}

/** A Lambda API refusal as Step Functions reports it: `Lambda.AWSLambdaException`, the SDK's message. */
function lambdaRefusal(history: HistoryLog, message: string): Error {
  const cause = `${message} (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: ${randomUUID()}; Proxy: null)`;
  return failed(history, 'Lambda.AWSLambdaException', cause);
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
    const functionName = target.functionName ?? String((input as Dict | null)?.FunctionName ?? '');
    const payload = target.direct ? input : ((input as Dict | null)?.Payload ?? {});
    const resource = target.direct ? String(state.Resource) : functionName;
    deps.history.add('LambdaFunctionScheduled', {
      lambdaFunctionScheduledEventDetails: { resource, input: JSON.stringify(payload) },
    });
    if (!deps.has(functionName)) {
      const error = {
        errorMessage: `Function not found: ${functionName}`,
        errorType: 'ResourceNotFoundException',
      };
      throw failed(deps.history, 'Lambda.ResourceNotFoundException', error);
    }
    const denied = await deps.authorize?.(functionName);
    if (denied !== undefined) throw lambdaRefusal(deps.history, denied);
    deps.history.add('LambdaFunctionStarted');
    const result = await deps.invoke(functionName, payload);
    if (!result.ok) {
      const { errorType, errorMessage, trace } = result.error;
      throw failed(deps.history, errorType, { errorMessage, errorType, ...(trace ? { trace } : {}) });
    }
    deps.history.add('LambdaFunctionSucceeded', {
      lambdaFunctionSucceededEventDetails: { output: JSON.stringify(result.payload) },
    });
    const output = result.payload as JsonValue;
    return target.direct ? output : { ExecutedVersion: '$LATEST', Payload: output, StatusCode: 200 };
  };
}
