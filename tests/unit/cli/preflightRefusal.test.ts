import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNpyHeader } from '@seisless/core';

const launcher = join(__dirname, '..', '..', '..', 'scripts', 'cli', 'seisless.mjs');

const acquisition = {
  sources: { count: 2, depthM: 20 },
  receivers: { count: 21, depthM: 20 },
  recordingTimeMs: 300,
  peakFrequencyHz: 15,
};
const layered = { preset: 'layered', shape: [41, 31], spacing: [10, 10] };
const rtm = { kind: 'rtm' };

/** Runs the real `seisless run spec.json` in a fresh folder; `before` may add files to it. */
function seislessRun(spec: unknown, before: (cwd: string) => void = () => {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'seisless-preflight-'));
  writeFileSync(join(cwd, 'spec.json'), JSON.stringify(spec));
  before(cwd);
  const files = () => readdirSync(cwd, { recursive: true }).map(String).sort();
  const existing = files();
  const started = Date.now();
  const result = spawnSync(process.execPath, [launcher, 'run', 'spec.json'], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { ...result, ms: Date.now() - started, written: files().filter((f) => !existing.includes(f)) };
}

/** Puts a .npy object in the local cloud's bucket folder, as its S3 stores it. */
function putLocalObject(cwd: string, key: string, body: Buffer) {
  const dir = join(cwd, '.seisless', 's3', 'seisless-local-data', 'models');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(cwd, '.seisless', 's3', 'seisless-local-data', `${key}._S3rver_object`), body);
}

describe('seisless run refuses what the pre-submission checks find, before any cloud', () => {
  it('lists a shot outside the grid and a dispersive frequency in one line, exit 1, nothing written', () => {
    const spec = {
      model: layered,
      acquisition: {
        ...acquisition,
        sources: {
          positions: [
            [200, 20],
            [700, 20],
          ],
        },
        peakFrequencyHz: 250,
      },
      algorithm: rtm,
    };

    const result = seislessRun(spec);

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      /^seisless: error: spec\.json cannot run: acquisition\.sources\.positions\.1: shot 1 at \[700,20\] m is outside the grid; expected x 0–400 m, z 0–300 m; acquisition\.peakFrequencyHz: 250 Hz gives 0\.24 grid points per shortest wavelength .*expected at least 2\.7 for space order 8 \(recommended 3\.5\)/,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    expect(result.written).toEqual([]);
    // A figure, not an assertion (shared, noisy machine): the issue asks for < 2 s.
    console.info(`seisless refused the spec (geometry, points per wavelength) in ${result.ms} ms`);
  });

  it('prints the memory per job kind and refuses a run whose gradient jobs cannot fit compute.memoryMiB', () => {
    const spec = {
      model: { preset: 'layered', shape: [601, 301], spacing: [10, 10] },
      acquisition: { ...acquisition, recordingTimeMs: 3000 },
      algorithm: rtm,
      compute: { memoryMiB: 1024 },
    };

    const result = seislessRun(spec);

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(
      /^seisless: memory per job \(estimate; compute\.memoryMiB 1024\): model \d+ MiB, observe \d+ MiB, gradient 2,[67]\d\d MiB$/,
    );
    expect(lines.at(-1)).toMatch(
      /^seisless: error: spec\.json cannot run: compute\.memoryMiB: 1024; expected at least 2,[67]\d\d, the estimated peak of a gradient job/,
    );
    expect(result.written).toEqual([]);
    console.info(`seisless refused the spec (memory) in ${result.ms} ms`);
  });

  it('names a model object missing from the local bucket, and one holding NaN', () => {
    const spec = (key: string) => ({
      model: { key, shape: [41, 31], spacing: [10, 10] },
      background: { smoothingM: 50 },
      acquisition,
      algorithm: rtm,
    });
    const values = new Float32Array(41 * 31).fill(2);
    values[100] = Number.NaN;

    const missing = seislessRun(spec('models/vp.npy'));
    const nan = seislessRun(spec('models/vp.npy'), (cwd) =>
      putLocalObject(
        cwd,
        'models/vp.npy',
        Buffer.concat([buildNpyHeader([41, 31]), Buffer.from(values.buffer)]),
      ),
    );

    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n').at(-1)).toBe(
      'seisless: error: spec.json cannot run: model.key: s3://seisless-local-data/models/vp.npy (local cloud): no such object; expected a .npy or SEG-Y velocity model there',
    );
    expect(nan.status).toBe(1);
    expect(nan.stderr.trim().split('\n').at(-1)).toBe(
      'seisless: error: spec.json cannot run: model.key: s3://seisless-local-data/models/vp.npy (local cloud): 1 NaN or infinite values (all 1,271 values); expected finite velocities',
    );
    expect(nan.written).toEqual([]);
  });
});
