import { parseArgs } from 'node:util';
import type { AnyCommand } from './command';
import { UsageError } from './usageError';

/** The command a command line names, with its options parsed and typed. */
export interface Invocation {
  readonly command: AnyCommand;
  readonly options: unknown;
}

/** Usage text listing every command of the table. */
export function usageText(table: readonly AnyCommand[]): string {
  const rows = table.map((c) => `  seisless ${c.usage}\n      ${c.summary}`);
  return [
    'usage:',
    ...rows,
    '',
    'Exit codes: 0 ok, 1 run failed or input to fix, 2 usage error, 70 internal error.',
    '',
  ].join('\n');
}

/** Finds the command in the table and parses its options; throws UsageError when it cannot. */
export function parseCommandLine(argv: readonly string[], table: readonly AnyCommand[]): Invocation {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('missing command');
  const command = table.find((c) => c.name === name);
  if (command === undefined) {
    throw new UsageError(`unknown command '${name}'; expected one of ${table.map((c) => c.name).join(', ')}`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${name}: ${(error as Error).message}`);
  }
  return { command, options: command.parse({ values: parsed.values, positionals: parsed.positionals }) };
}

/** The single positional argument a command expects, or a UsageError naming it. */
export function onePositional(positionals: readonly string[], what: string, usage: string): string {
  const [first, ...extra] = positionals;
  if (first === undefined) throw new UsageError(`missing ${what}; usage: seisless ${usage}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'; usage: seisless ${usage}`);
  return first;
}
