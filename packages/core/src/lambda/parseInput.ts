import type { z } from 'zod';
import { ValidationError } from '../errors';
import { describeSchemaIssues, schemaParseOptions } from '../spec/describeSchemaIssues';

/**
 * Parses a function's input with its zod schema, or throws one ValidationError naming every bad
 * field with what was received and the expected form (`describeSchemaIssues`).
 *
 * @example
 * parseInput(stepRequestSchema, { runId: 'demo' }, 'step input');
 * // ValidationError: step input is invalid: iteration: missing; expected a number
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, source: string): z.output<T> {
  const parsed = schema.safeParse(input, schemaParseOptions);
  if (parsed.success) return parsed.data;
  const issues = describeSchemaIssues(parsed.error.issues);
  throw new ValidationError(`${source} is invalid: ${issues.join('; ')}`, issues);
}
