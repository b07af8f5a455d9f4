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

  it('names tuples by their entries, bounded lists by their counts, object forms by their fields', () => {
    expect(typeText(jsonOf(z.tuple([z.number().positive(), z.number()])))).toBe('[number > 0, number]');
    expect(typeText(jsonOf(z.array(z.number().int()).min(2).max(3)))).toBe('integer[] (2 to 3)');
    expect(typeText(jsonOf(z.array(z.string()).length(2)))).toBe('string[] (2)');
    expect(typeText(jsonOf(z.array(z.string()).max(4)))).toBe('string[] (≤ 4)');
    expect(
      typeText(jsonOf(z.union([z.object({ depthM: z.number() }), z.object({ fromModel: z.object({}) })]))),
    ).toBe('{ depthM } | { fromModel }');
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
