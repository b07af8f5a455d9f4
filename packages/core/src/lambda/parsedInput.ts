import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { parseInput } from './parseInput';

/**
 * A middy middleware that replaces the event with its parsed value (defaults applied, unknown
 * fields handled as the schema says), or fails the invocation with a ValidationError naming every
 * bad field. The source in the message is the function's name (`seisless-iterator-dev-update input`).
 *
 * @example
 * middy().use(parsedInput(stepRequestSchema)).handler((input) => chooseStep(input, deps));
 */
export function parsedInput<TResult>(schema: z.ZodType): MiddlewareObj<unknown, TResult> {
  return {
    before: (request) => {
      request.event = parseInput(schema, request.event, `${request.context.functionName} input`);
    },
  };
}
