import { ValidationError } from '@seisless/core';
import { z } from 'zod';
import { parseInput } from '../../../../services/submitter/src/parseInput';

const schema = z.object({ runId: z.string().min(1), iteration: z.number().int() });

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(schema, { runId: 'a', iteration: 2 }, 'input')).toEqual({ runId: 'a', iteration: 2 });
  });

  it('names every bad field in one ValidationError', () => {
    let error: unknown;
    try {
      parseInput(schema, { runId: '', iteration: 1.5 }, 'submit input');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^submit input is invalid: runId: .*; iteration: /);
    expect((error as ValidationError).issues).toHaveLength(2);
  });
});
