import { ValidationError } from '@seisless/core';
import { z } from 'zod';
import { parseInput } from '../../../../services/line-search/src/parseInput';

describe('parseInput', () => {
  it('returns parsed input or one ValidationError naming the fields', () => {
    const schema = z.object({ iteration: z.number().int().positive() });
    expect(parseInput(schema, { iteration: 2 }, 'step input')).toEqual({ iteration: 2 });
    expect(() => parseInput(schema, { iteration: 0 }, 'step input')).toThrow(ValidationError);
    expect(() => parseInput(schema, {}, 'step input')).toThrow(/^step input is invalid: iteration: /);
  });
});
