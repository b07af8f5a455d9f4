import { type BadInputCase, expectedLine } from './harness';

const HINT = ' (npm run cloud -- --help)';

/** `npm run cloud -- <args>` (with `env`) refused before anything starts: exit 2 and `message`. */
function cloudCase(
  name: string,
  args: readonly string[],
  message: string | RegExp,
  env: Record<string, string> = {},
): BadInputCase {
  const prefix = 'local cloud: usage error: ';
  return {
    name: `cloud: ${name}`,
    program: 'cloud',
    args,
    env,
    exitCode: 2,
    line: expectedLine(prefix, message, HINT),
  };
}

/** The local cloud's own options (scripts/local-cloud/options.ts), flags and environment twins. */
export const cloudCases: readonly BadInputCase[] = [
  cloudCase(
    'vCPUs in words',
    ['--max-vcpus', 'two'],
    "--max-vcpus: expected a whole number of vCPUs ≥ 1, got 'two'",
  ),
  cloudCase(
    'fractional vCPUs from the environment',
    [],
    "SEISLESS_MAX_VCPUS: expected a whole number of vCPUs ≥ 1, got '1.5'",
    { SEISLESS_MAX_VCPUS: '1.5' },
  ),
  cloudCase('faults that are not JSON', ['--faults', '{x'], /--faults: not valid JSON/),
  cloudCase('an unknown fault', ['--faults', '{"bogus":1}'], /--faults: unknown fault 'bogus'/),
  cloudCase('IAM maybe', ['--iam', 'maybe'], "--iam: expected 'on' or 'off', got 'maybe'"),
  cloudCase(
    'a stage with a slash',
    ['--stage', 'a/b'],
    "--stage: expected letters, digits and hyphens, got 'a/b'",
  ),
  cloudCase('an unknown flag', ['--bogus'], /Unknown option '--bogus'/),
  cloudCase(
    'a missing state-machine folder',
    ['--state-machines', '/no/such/folder'],
    '--state-machines: /no/such/folder is not a folder',
  ),
  cloudCase(
    'a data folder whose parent is missing',
    ['--data-dir', '/no/such/parent/data'],
    '--data-dir: /no/such/parent/data does not exist and neither does its parent /no/such/parent',
  ),
  cloudCase(
    'a data folder that cannot be created',
    [],
    'SEISLESS_DATA_DIR: /proc/data does not exist and /proc is not writable',
    { SEISLESS_DATA_DIR: '/proc/data' },
  ),
  cloudCase(
    'a missing faults file',
    ['--faults-file', '/no/such/faults.json'],
    '--faults-file: cannot read /no/such/faults.json (ENOENT)',
  ),
];
