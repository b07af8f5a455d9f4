import { SeislessError } from '@seisless/core';
import { EXIT, main } from '../../../scripts/cli/main';
import { fakeDeps } from './fakes';

describe('main: the command table and the one top-level catch', () => {
  it('prints usage on stderr and exits 2 without a command', async () => {
    const { deps, stderr } = fakeDeps();
    expect(await main([], deps)).toBe(EXIT.usage);
    expect(stderr()).toMatch(/seisless run <spec.json>/);
  });

  it('prints usage on stdout and exits 0 for --help', async () => {
    const { deps, stdout } = fakeDeps();
    expect(await main(['--help'], deps)).toBe(EXIT.ok);
    for (const name of ['run', 'status', 'resume', 'report', 'schema'])
      expect(stdout()).toMatch(`seisless ${name}`);
  });

  it.each([
    [['fly'], /unknown command 'fly'/],
    [['run'], /missing the run spec file/],
    [['run', 'a.json', 'b.json'], /unexpected argument 'b.json'/],
    [['run', 'a.json', '--bogus'], /Unknown option '--bogus'/],
    [['run', 'a.json', '--stage', 'dev'], /add --aws/],
    [['run', 'a.json', '--aws'], /--aws needs --stage/],
    [['run', 'a.json', '--faults', '{nope'], /--faults: not valid JSON/],
    [['run', 'a.json', '--aws', '--stage', 'dev', '--faults', '{}'], /local cloud only/],
    [['status'], /missing the run id/],
    [['schema', 'extra'], /unexpected argument 'extra'/],
  ])('exits 2 on the usage error %j', async (argv, message) => {
    const { deps, stderr } = fakeDeps();
    expect(await main(argv, deps)).toBe(EXIT.usage);
    expect(stderr()).toMatch(message);
    expect(stderr()).toMatch(/^seisless: usage error: /);
  });

  it('exits 1 with one line when a SeislessError escapes a command', async () => {
    const { deps, stderr } = fakeDeps(undefined, {
      connect: async () => {
        throw new SeislessError('bucket seisless-dev-data: not found;\n deploy the stage first');
      },
    });
    expect(await main(['status', 'demo'], deps)).toBe(EXIT.failed);
    expect(stderr()).toBe('seisless: error: bucket seisless-dev-data: not found; deploy the stage first\n');
  });

  it('exits 1 on an invalid run id argument', async () => {
    const { deps, stderr } = fakeDeps();
    expect(await main(['status', 'Not_Valid'], deps)).toBe(EXIT.failed);
    expect(stderr()).toMatch(/runId: 'Not_Valid'; expected lower-case/);
  });

  it('exits 70 with a stack trace on anything else', async () => {
    const { deps, stderr } = fakeDeps(undefined, {
      connect: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    expect(await main(['status', 'demo'], deps)).toBe(EXIT.internal);
    expect(stderr()).toMatch(/internal error/);
    expect(stderr()).toMatch(/TypeError: cannot read properties of undefined\n\s+at /);
  });
});
