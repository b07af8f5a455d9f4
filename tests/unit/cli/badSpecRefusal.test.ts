import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const launcher = join(__dirname, '..', '..', '..', 'scripts', 'cli', 'seisless.mjs');

/** Runs the real `seisless` launcher in a fresh folder holding only `spec.json`. */
function seisless(args: string[], spec: unknown) {
  const cwd = mkdtempSync(join(tmpdir(), 'seisless-bad-spec-'));
  writeFileSync(join(cwd, 'spec.json'), JSON.stringify(spec));
  const started = Date.now();
  const result = spawnSync(process.execPath, [launcher, ...args], { cwd, encoding: 'utf8', timeout: 20_000 });
  return { ...result, ms: Date.now() - started, files: readdirSync(cwd) };
}

describe('seisless run on a spec the schema refuses', () => {
  it('exits 1 with the one line naming the field and the expected form, before any cloud', () => {
    const spec = {
      model: { preset: 'layered', shape: '41x31', spacing: [10, 10] },
      acquisition: {
        sources: { count: 2, depthM: 20 },
        receivers: { count: 21, depthM: 20 },
        recordingTimeMs: 300,
        peakFrequencyHz: 15,
      },
      algorithm: { kind: 'rtm' },
    };
    const result = seisless(['run', 'spec.json'], spec);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'seisless: error: spec.json is invalid: model.shape: "41x31"; expected an array of 2 or 3 integers ≥ 8, e.g. [601, 301]\n',
    );
    expect(result.stdout).toBe('');
    expect(result.files).toEqual(['spec.json']);
    // A figure, not an assertion (the machines are shared and noisy): the issue asks for < 2 s.
    console.info(`seisless refused the spec in ${result.ms} ms`);
  });
});
