import { SeislessError } from '@seisless/core';
import { commandTable } from './commands';
import type { CliDeps } from './deps';
import { environmentErrorIn } from './environmentError';
import { parseCommandLine, usageText } from './parseCommandLine';
import { UsageError } from './usageError';

export const EXIT = { ok: 0, failed: 1, usage: 2, internal: 70 } as const;

/**
 * The CLI entry: looks the command up in the table, runs it, and is the one place that turns
 * errors into exit codes (usage → 2, SeislessError → 1 with one line, an environment problem
 * → 1 with its own line even when wrapped, anything else → 70).
 */
export async function main(argv: readonly string[], deps: CliDeps): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? deps.stderr : deps.stdout)(usageText(commandTable));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  try {
    const { command, options } = parseCommandLine(argv, commandTable);
    return await command.run(options, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      deps.stderr(`seisless: usage error: ${error.message}; run 'seisless --help' for the commands\n`);
      return EXIT.usage;
    }
    // An environment problem may arrive wrapped (e.g. as a TransientError of the S3 adapter): its
    // own line says what to set or start, which the wrapper's does not.
    const environment = environmentErrorIn(error);
    if (environment !== undefined) {
      deps.stderr(`seisless: error: ${oneLine(environment.message)}\n`);
      return EXIT.failed;
    }
    if (error instanceof SeislessError) {
      deps.stderr(`seisless: error: ${oneLine(error.message)}\n`);
      return EXIT.failed;
    }
    deps.stderr(`seisless: internal error (a bug; please report it with this trace):\n${stackOf(error)}\n`);
    return EXIT.internal;
  }
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
