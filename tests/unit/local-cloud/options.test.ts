import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../../../scripts/cli/usageError';
import { parseCloudCommandLine } from '../../../scripts/local-cloud/options';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cloud-options-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function refusal(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseCloudCommandLine(argv, env);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`accepted ${argv.join(' ')}`);
}

describe('npm run cloud options', () => {
  it('accepts good flags and their environment twins, the flag winning', () => {
    const parsed = parseCloudCommandLine(['--max-vcpus', '3', '--faults', '{"sqsDuplicateRate":0.5}'], {
      SEISLESS_MAX_VCPUS: '8',
      SEISLESS_IAM: 'off',
      SEISLESS_DATA_DIR: join(dir, 'data'),
    });
    expect(parsed).toEqual({
      options: expect.objectContaining({
        maxVcpus: 3,
        iam: 'off',
        dataDir: join(dir, 'data'),
        faults: { sqsDuplicateRate: 0.5 },
      }),
      faultsFile: undefined,
    });
    expect(parseCloudCommandLine(['-h'], {})).toBe('help');
  });

  it.each([
    [['--max-vcpus', 'two'], {}, "--max-vcpus: expected a whole number of vCPUs ≥ 1, got 'two'"],
    [
      [],
      { SEISLESS_MAX_VCPUS: '1.5' },
      "SEISLESS_MAX_VCPUS: expected a whole number of vCPUs ≥ 1, got '1.5'",
    ],
    [['--max-vcpus', '0'], {}, '--max-vcpus: expected a whole number'],
    [['--faults', '{x'], {}, '--faults: not valid JSON'],
    [[], { SEISLESS_FAULTS: '[1]' }, 'SEISLESS_FAULTS: faults must be a JSON object'],
    [['--faults', '{"bogus":1}'], {}, "--faults: unknown fault 'bogus'"],
    [['--iam', 'maybe'], {}, "--iam: expected 'on' or 'off', got 'maybe'"],
    [[], { SEISLESS_IAM: 'yes' }, "SEISLESS_IAM: expected 'on' or 'off', got 'yes'"],
    [['--stage', 'a/b'], {}, "--stage: expected letters, digits and hyphens, got 'a/b'"],
    [[], { SEISLESS_STAGE: 'dev prod' }, 'SEISLESS_STAGE: expected letters, digits and hyphens'],
    [['--bogus'], {}, "Unknown option '--bogus'"],
    [['--data-dir'], {}, "Option '--data-dir <value>' argument missing"],
    [['--max-vcpus', ''], {}, "--max-vcpus: expected a value, got ''"],
    [['stray'], {}, "Unexpected argument 'stray'"],
    [['--state-machines', '/no/such/folder'], {}, '--state-machines: /no/such/folder is not a folder'],
    [
      ['--data-dir', '/no/such/parent/data'],
      {},
      '--data-dir: /no/such/parent/data does not exist and neither does',
    ],
    [
      [],
      { SEISLESS_DATA_DIR: '/proc/data' },
      'SEISLESS_DATA_DIR: /proc/data does not exist and /proc is not writable',
    ],
    [
      ['--faults-file', '/no/such/faults.json'],
      {},
      '--faults-file: cannot read /no/such/faults.json (ENOENT)',
    ],
  ] as [string[], NodeJS.ProcessEnv, string][])('%j %j → %s', (argv, env, expected) => {
    expect(refusal(argv, env)).toContain(expected);
  });

  it('names the flag for a service folder without serverless.yml, and a bad faults file', () => {
    expect(refusal(['--service', dir])).toBe(`--service: ${dir} has no serverless.yml`);
    const faults = join(dir, 'faults.json');
    writeFileSync(faults, '{"batchKillRate": 2}');
    expect(refusal([], { SEISLESS_FAULTS_FILE: faults })).toBe(
      `SEISLESS_FAULTS_FILE (${faults}): batchKillRate is 2; expected a probability in [0, 1]`,
    );
  });

  it('refuses a data folder that is a file, and writes nothing while checking', () => {
    const file = join(dir, 'file');
    writeFileSync(file, '');
    expect(refusal(['--data-dir', file])).toBe(`--data-dir: ${file} is not a folder`);
    const data = join(dir, 'data');
    mkdirSync(data);
    parseCloudCommandLine(['--data-dir', data, '--cache-dir', join(dir, 'cache')], {});
    expect(readdirSync(dir).sort()).toEqual(['data', 'file']);
    expect(readdirSync(data)).toEqual([]);
  });

  it('refuses a read-only data folder when not root', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere but /proc, covered above
    const data = join(dir, 'ro');
    mkdirSync(data);
    chmodSync(data, 0o500);
    expect(refusal(['--data-dir', data])).toBe(`--data-dir: ${data} is not writable`);
    chmodSync(data, 0o700);
  });
});
