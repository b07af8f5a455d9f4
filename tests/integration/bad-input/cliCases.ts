import { lsrtmSpec } from '../../support/runSpecs';
import { type BadInputCase, expectedLine } from './harness';

const HINT = "; run 'seisless --help' for the commands";
const RUN_USAGE =
  'usage: seisless run <spec.json> [--run-id ID] [--aws --stage S [--region R]] [--json] [--faults JSON]';

/** `seisless <args>` refused as a usage error (exit 2) with `message`. */
function usageCase(name: string, args: readonly string[], message: string | RegExp): BadInputCase {
  const prefix = 'seisless: usage error: ';
  return {
    name: `cli: ${name}`,
    program: 'seisless',
    args,
    files: { 'spec.json': JSON.stringify(lsrtmSpec()) },
    exitCode: 2,
    line: expectedLine(prefix, message, HINT),
  };
}

/** `seisless <args>` refused as input to fix (exit 1) with `message`. */
function inputCase(name: string, args: readonly string[], files: Record<string, string>, message: string) {
  return {
    name: `cli: ${name}`,
    program: 'seisless',
    args,
    files,
    exitCode: 1,
    line: `seisless: error: ${message}`,
  } satisfies BadInputCase;
}

/** Command-line mistakes: refused before any cloud starts, nothing written. */
export const cliCases: readonly BadInputCase[] = [
  usageCase(
    'an unknown command',
    ['fly'],
    "unknown command 'fly'; expected one of run, status, resume, report, schema",
  ),
  usageCase('run without a spec', ['run'], `missing the run spec file; ${RUN_USAGE}`),
  usageCase(
    'run with two specs',
    ['run', 'spec.json', 'b.json'],
    `unexpected argument 'b.json'; ${RUN_USAGE}`,
  ),
  usageCase(
    'an unknown option',
    ['run', 'spec.json', '--bogus'],
    "run: Unknown option '--bogus'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"--bogus\"",
  ),
  usageCase(
    'an option without its value',
    ['run', 'spec.json', '--run-id'],
    "run: Option '--run-id <value>' argument missing",
  ),
  usageCase(
    '--stage without --aws',
    ['run', 'spec.json', '--stage', 'dev'],
    '--stage and --region apply to deployed stacks; add --aws',
  ),
  usageCase(
    '--aws without --stage',
    ['run', 'spec.json', '--aws'],
    '--aws needs --stage <name> (e.g. --stage dev)',
  ),
  usageCase(
    'a stage with capitals',
    ['run', 'spec.json', '--aws', '--stage', 'Dev'],
    "--stage: 'Dev'; expected lower-case letters, digits and dashes",
  ),
  usageCase(
    '--faults that is not JSON',
    ['run', 'spec.json', '--faults', '{nope'],
    // Node's JSON message differs between majors: the flag and the form are what matter.
    /--faults: not valid JSON \(Expected property name/,
  ),
  usageCase(
    '--faults on a deployed stack',
    ['run', 'spec.json', '--aws', '--stage', 'dev', '--faults', '{}'],
    '--faults injects faults into the local cloud only; drop --aws',
  ),
  usageCase(
    'status without a run id',
    ['status'],
    'missing the run id; usage: seisless status <runId> [--aws --stage S [--region R]] [--json]',
  ),
  inputCase(
    'a spec file that does not exist',
    ['run', 'nowhere.json'],
    {},
    'nowhere.json: cannot read the run spec (ENOENT); expected a JSON file',
  ),
  inputCase(
    'a spec that is not JSON',
    ['run', 'spec.json'],
    { 'spec.json': '{"model": ' },
    'spec.json: not valid JSON (Unexpected end of JSON input)',
  ),
  inputCase(
    'a bad --run-id',
    ['run', 'spec.json', '--run-id', 'My_Run'],
    { 'spec.json': JSON.stringify(lsrtmSpec()) },
    "--run-id: 'My_Run'; expected lower-case letters, digits and dashes, starting with a letter or digit, at most 40 characters",
  ),
  inputCase(
    'a bad run id for status',
    ['status', 'Not_Valid'],
    {},
    "runId: 'Not_Valid'; expected lower-case letters, digits and dashes, starting with a letter or digit, at most 40 characters",
  ),
];
