import { runSpecSchema } from '@seisless/core';
import { z } from 'zod';
import { defineCommand } from '../command';
import { UsageError } from '../usageError';

/** The run spec's JSON Schema (as a user writes it: defaults optional), for editors. */
export function runSpecJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(runSpecSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'seisless run spec',
  };
}

export const schemaCommand = defineCommand<Record<string, never>>({
  name: 'schema',
  usage: 'schema',
  summary: "print the run spec's JSON Schema (seisless schema > run-spec.schema.json)",
  options: {},
  parse({ positionals }) {
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'; usage: seisless schema`);
    return {};
  },
  async run(_options, deps) {
    deps.stdout(`${JSON.stringify(runSpecJsonSchema(), null, 2)}\n`);
    return 0;
  },
});
