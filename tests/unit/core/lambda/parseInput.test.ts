import { parseInput, ValidationError } from '@seisless/core';
import { z } from 'zod';

const schema = z.strictObject({ runId: z.string().min(1), iteration: z.number().int().positive() });

describe('parseInput', () => {
  it('returns the parsed input', () => {
    expect(parseInput(schema, { runId: 'demo', iteration: 2 }, 'step input')).toEqual({
      runId: 'demo',
      iteration: 2,
    });
  });

  it('throws one ValidationError naming every bad field, what it received and what it expects', () => {
    let thrown: unknown;
    try {
      parseInput(schema, { iteration: 0, extra: true }, 'step input');
    } catch (error) {
      thrown = error;
    }

    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).issues).toEqual([
      'runId: missing; expected a string',
      'iteration: 0; expected a number > 0',
      'extra: unknown field; remove it or check its spelling',
    ]);
    expect((thrown as Error).message).toBe(
      `step input is invalid: ${(thrown as ValidationError).issues.join('; ')}`,
    );
  });
});
