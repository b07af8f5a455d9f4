import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { RunLogKeys } from './runLogKeys';

/** What a handler's body receives besides its event. */
export interface HandlerTools {
  /** JSON lines carrying the function's context and the event's run keys (Powertools Logger). */
  readonly logger: Logger;
  readonly context: Context;
}

export interface LambdaHandlerOptions<TEvent> {
  /** The `service` key of every line: the Serverless service name (`seisless-iterator`). */
  readonly service: string;
  /** The run, iteration and shot the event is about (`stateInputLogKeys`, `sqsLogKeys`, `s3LogKeys`). */
  readonly logKeys: (event: TEvent) => RunLogKeys;
}

/**
 * Adds the event's run keys to every line of the invocation, and logs a failed invocation once,
 * with those keys, before the error leaves unchanged (Step Functions matches on its name).
 */
function runKeysAndFailures<TEvent, TResult>(
  logger: Logger,
  logKeys: (event: TEvent) => RunLogKeys,
): MiddlewareObj<TEvent, TResult> {
  return {
    before: (request) => {
      logger.appendKeys({ ...logKeys(request.event) });
    },
    onError: (request) => {
      logger.error('invocation failed', request.error ?? 'unknown error');
    },
  };
}

/**
 * The one handler shell of every seisless function: a middy handler whose middlewares give each
 * log line the Lambda context (Powertools `injectLambdaContext`) and the event's run keys, reset
 * them after each invocation (a warm container serves other runs), and log failures once.
 *
 * @example
 * export const handler = lambdaHandler(
 *   { service: 'seisless-iterator', logKeys: stateInputLogKeys },
 *   (event: SelectBatchInput) => selectBatch(event, { store }),
 * );
 */
export function lambdaHandler<TEvent, TResult>(
  options: LambdaHandlerOptions<TEvent>,
  body: (event: TEvent, tools: HandlerTools) => TResult | Promise<TResult>,
): MiddyfiedHandler<TEvent, TResult> {
  const logger = new Logger({ serviceName: options.service });
  return middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(runKeysAndFailures<TEvent, TResult>(logger, options.logKeys))
    .handler((event, context) => body(event, { logger, context }));
}
