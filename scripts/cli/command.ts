import type { ParseArgsConfig } from 'node:util';
import type { CliDeps } from './deps';

/** The option definitions of one command, in `node:util` parseArgs form. */
export type OptionDefinitions = NonNullable<ParseArgsConfig['options']>;

/** What parseArgs gives a command: its option values and positional arguments. */
export interface ParsedCommandLine {
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
  readonly positionals: readonly string[];
}

/** One row of the command table: how to parse a command's arguments and how to run it. */
export interface Command<O> {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionDefinitions;
  /** Turns parsed arguments into the command's typed options; throws UsageError. */
  parse(args: ParsedCommandLine): O;
  /** Runs the command; resolves to the process exit code. */
  run(options: O, deps: CliDeps): Promise<number>;
}

/** Erases a command's option type so that commands of different types share one table. */
export type AnyCommand = Command<unknown>;

export function defineCommand<O>(command: Command<O>): AnyCommand {
  return command as unknown as AnyCommand;
}
