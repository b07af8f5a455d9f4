import { z } from 'zod';
import { fieldRows, type JsonSchema, markdownTable, typeText } from '../../../scripts/docs/fieldTable';

const jsonOf = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;

describe('field table', () => {
  it('names types in words: bounds, nullables, enums, lists of unions, maps', () => {
    expect(typeText(jsonOf(z.number().int().nonnegative()))).toBe('integer ≥ 0');
    expect(typeText(jsonOf(z.number().positive().nullable()))).toBe('number > 0 | null');
    expect(typeText(jsonOf(z.enum(['a', 'b'])))).toBe('"a" | "b"');
    expect(typeText(jsonOf(z.array(z.number().nullable())))).toBe('(number | null)[]');
    expect(typeText(jsonOf(z.array(z.string()).min(1)))).toBe('string[] (≥ 1)');
    expect(typeText(jsonOf(z.record(z.string(), z.number())))).toBe('{ string → number }');
    expect(typeText(jsonOf(z.iso.datetime()))).toBe('ISO 8601 date-time');
  });

  it('flattens nested objects and lists of objects after their parent, with defaults and descriptions', () => {
    const schema = z.object({
      k: z.number().int().positive().describe('the iteration'),
      timings: z.object({ at: z.number().nullable() }).optional(),
      trials: z.array(z.object({ step: z.number() })),
      warnings: z.array(z.string()).default([]),
    });

    expect(fieldRows(jsonOf(schema))).toEqual([
      { field: 'k', type: 'integer > 0', required: 'yes', meaning: 'the iteration' },
      { field: 'timings', type: 'object', required: 'no', meaning: '' },
      { field: 'timings.at', type: 'number | null', required: 'yes', meaning: '' },
      { field: 'trials', type: 'object[]', required: 'yes', meaning: '' },
      { field: 'trials[].step', type: 'number', required: 'yes', meaning: '' },
      { field: 'warnings', type: 'string[]', required: 'no (default [])', meaning: '' },
    ]);
  });

  it("escapes the pipes of a union inside the markdown table's cells", () => {
    const table = markdownTable([{ field: 'f', type: '"a" | "b"', required: 'yes', meaning: 'x | y' }]);

    expect(table.split('\n')[2]).toBe('| `f` | "a" \\| "b" | yes | x \\| y |');
  });
});
