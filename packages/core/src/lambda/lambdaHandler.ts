import { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import type { Env } from '../config';
import { coldStart } from './coldStart';
import { parsedInput } from './parsedInput';
import type { RunLogKeys } from './runLogKeys';

/** What a handler's body receives besides its input. */
export interface HandlerTools<TDeps = undefined> {
  /** JSON lines carrying the function's context and the event's run keys (Powertools Logger). */
  readonly logger: Logger;
  readonly context: Context;
  /** The function's dependencies, built on its first invocation (`deps` option). */
  readonly deps: TDeps;
}

interface CommonOptions<TEvent, TDeps> {
  /** The `service` key of every line: the Serverless service name (`seisless-iterator`). */
  readonly service: string;
  /** The run, iteration and shot the raw event is about (`stateInputLogKeys`, `sqsLogKeys`, `s3LogKeys`). */
  readonly logKeys: (event: TEvent) => RunLogKeys;
  /**
   * Builds configuration and ports from the environment, once per cold start (`coldStart`): on the
   * first invocation, so a configuration error is that invocation's error.
   */
  readonly deps?: (env: Env) => TDeps;
}

/** Options of a handler whose input is checked against a schema (state-machine tasks). */
export interface ParsedHandlerOptions<TSchema extends z.ZodType, TDeps>
  extends CommonOptions<unknown, TDeps> {
  /** The input's schema: the body gets the parsed value; a bad input is a ValidationError naming every field. */
  readonly input: TSchema;
}

/** Options of a handler that takes its event as AWS delivers it (SQS batches, S3 notifications). */
export type LambdaHandlerOptions<TEvent, TDeps = undefined> = CommonOptions<TEvent, TDeps>;

type Body<TInput, TDeps, TResult> = (input: TInput, tools: HandlerTools<TDeps>) => TResult | Promise<TResult>;

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
 * them after each invocation (a warm container serves other runs), parse the input when a schema
 * is given, and log failures once. Dependencies come from `deps`, built once per cold start.
 *
 * @example
 * export const handler = lambdaHandler(
 *   { service: 'seisless-iterator', logKeys: stateInputLogKeys, input: selectBatchInputSchema, deps: iteratorPorts },
 *   (input, { deps }) => selectBatch(input, { store: deps.store }),
 * );
 */
export function lambdaHandler<TSchema extends z.ZodType, TResult, TDeps = undefined>(
  options: ParsedHandlerOptions<TSchema, TDeps>,
  body: Body<z.output<TSchema>, TDeps, TResult>,
): MiddyfiedHandler<unknown, TResult>;
export function lambdaHandler<TEvent, TResult, TDeps = undefined>(
  options: LambdaHandlerOptions<TEvent, TDeps>,
  body: Body<TEvent, TDeps, TResult>,
): MiddyfiedHandler<TEvent, TResult>;
export function lambdaHandler<TEvent, TResult, TDeps>(
  options: CommonOptions<TEvent, TDeps> & { readonly input?: z.ZodType },
  body: Body<TEvent, TDeps, TResult>,
): MiddyfiedHandler<TEvent, TResult> {
  const logger = new Logger({ serviceName: options.service });
  const build = options.deps;
  const deps = build === undefined ? () => undefined as TDeps : coldStart(() => build(process.env));
  const handler = middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(runKeysAndFailures<TEvent, TResult>(logger, options.logKeys));
  // After the run keys: a refused input is still logged with the run it names.
  if (options.input !== undefined) handler.use(parsedInput(options.input) as MiddlewareObj<TEvent, TResult>);
  return handler.handler((event, context) => body(event, { logger, context, deps: deps() }));
}
