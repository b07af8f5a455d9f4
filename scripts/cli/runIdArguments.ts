import type { OptionDefinitions, ParsedCommandLine } from './command';
import { onePositional } from './parseCommandLine';
import { assertRunId } from './runId';
import { parseTarget, type Target, targetOptionDefinitions } from './targetOptions';

/** The arguments of a command that acts on one stored run: `<runId> [--aws --stage S [--region R]] [--json]`. */
export interface RunIdArguments {
  readonly runId: string;
  readonly target: Target;
  readonly json: boolean;
}

/** The options of such a command: the target's and `--json`. */
export const runIdOptionDefinitions: OptionDefinitions = {
  ...targetOptionDefinitions,
  json: { type: 'boolean', default: false },
};

/**
 * Reads the run id (one positional, in the run id form) and the target; throws UsageError or
 * ValidationError naming what is wrong, with `usage` for a wrong number of positionals.
 *
 * @example
 * parse: (args) => parseRunIdArguments(args, 'status <runId> [--aws --stage S [--region R]] [--json]'),
 */
export function parseRunIdArguments(
  { values, positionals }: ParsedCommandLine,
  usage: string,
): RunIdArguments {
  return {
    runId: assertRunId(onePositional(positionals, 'the run id', usage), 'runId'),
    target: parseTarget(values),
    json: values.json === true,
  };
}
