import { cliCases } from './cliCases';
import { cloudCases } from './cloudCases';
import { environmentCases } from './environmentCases';
import { startFakeS3 } from './fakeS3';
import { answerLines, type BadInputCase, runCase } from './harness';
import { preflightCases } from './preflightCases';
import { specCases } from './specCases';

/**
 * The bad-input suite (issue 15): every kind of mistake a person can make, each answered by the
 * real program with its exit code and ONE stderr line naming the field or file and the expected
 * form, no stack trace, nothing written in the working folder and nothing left running.
 * Refusal times are printed, not asserted (shared, noisy machines).
 */
const cases: readonly BadInputCase[] = [
  ...specCases,
  ...cliCases,
  ...cloudCases,
  ...environmentCases,
  ...preflightCases,
];

const STACK_FRAME = /\n\s+at /;

describe('bad input is answered in one line, before anything runs', () => {
  let stopFakeS3: () => void = () => undefined;
  beforeAll(async () => {
    stopFakeS3 = await startFakeS3();
  });
  afterAll(() => stopFakeS3());

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s',
    (_name, c) => {
      const result = runCase(c);
      console.info(`${c.name}: refused in ${result.ms} ms`);

      const lines = answerLines(c, result.stderr);
      expect(lines).toHaveLength(1);
      if (typeof c.line === 'string') expect(lines[0]).toBe(c.line);
      else expect(lines[0]).toMatch(c.line);
      expect(result.status).toBe(c.exitCode);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr).not.toMatch(/Traceback/);
      expect(result.stdout).toBe('');
      expect(result.changed).toEqual([]);
      expect(result.leftRunning).toEqual([]);
    },
    120_000,
  );
});
