import { ValidationError } from '@seisless/core';
import type { z } from 'zod';

/**
 * Parses a function's input with a zod schema, throwing one ValidationError naming every bad field.
 *
 * @example
 * const request = parseInput(submitRequestSchema, event, 'submit input');
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, source: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => {
    const path = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
    return `${path}: ${issue.message}`;
  });
  throw new ValidationError(`${source} is invalid: ${issues.join('; ')}`, issues);
}
