import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
 * form, no stack trace, nothing written in the working folder or in the case's own data folder
 * (SEISLESS_DATA_DIR, pinned by the harness) and nothing left running.
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

describe('the harness', () => {
  it('sees what a run writes in its data folder (SEISLESS_DATA_DIR) as well as in the working folder', () => {
    // A preload that writes where a careless program would: the data folder and the working folder.
    const preload = join(mkdtempSync(join(tmpdir(), 'seisless-harness-')), 'writes.cjs');
    writeFileSync(
      preload,
      [
        "const { mkdirSync, writeFileSync } = require('node:fs');",
        'mkdirSync(process.env.SEISLESS_DATA_DIR, { recursive: true });',
        "writeFileSync(require('node:path').join(process.env.SEISLESS_DATA_DIR, 'left.log'), 'x');",
        "writeFileSync('left.json', '{}');",
      ].join('\n'),
    );

    const result = runCase({
      name: 'a program that writes',
      program: 'seisless',
      args: ['--help'],
      env: { NODE_OPTIONS: `--require ${preload}` },
      exitCode: 0,
      line: '',
    });

    expect(result.changed).toEqual(['data', 'data/left.log', 'work/left.json']);
  });
});

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
