import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildNpyHeader,
  fileObjectBytes,
  preflightRunSpec,
  preflightSpec,
  type RunSpecInput,
  validateRunSpec,
} from '@seisless/core';
import { lsrtmSpec } from '../../../support/runSpecs';

const SHAPE = [101, 51];

function bucket() {
  const dir = mkdtempSync(join(tmpdir(), 'seisless-tti-'));
  mkdirSync(join(dir, 'models'));
  return {
    objects: fileObjectBytes((key) => join(dir, key)),
    put: (key: string, values: Float32Array, shape: readonly number[] = SHAPE) =>
      writeFileSync(
        join(dir, key),
        Buffer.concat([
          buildNpyHeader(shape),
          Buffer.from(values.buffer, values.byteOffset, values.byteLength),
        ]),
      ),
  };
}

const filled = (value: number, count = 101 * 51) => new Float32Array(count).fill(value);

function ttiSpec(anisotropy: Record<string, unknown>) {
  return validateRunSpec(
    lsrtmSpec({
      physics: 'tti',
      model: { key: 'models/vp.npy', shape: SHAPE, spacing: [10, 10], anisotropy },
      background: { smoothingM: 50 },
    } as Partial<RunSpecInput>),
  );
}

describe('preflight of TTI inputs', () => {
  it('passes model-shaped parameter objects within range', async () => {
    const { objects, put } = bucket();
    put('models/vp.npy', filled(2));
    put('models/eps.npy', filled(0.2));
    put('models/delta.npy', filled(0.1));
    put('models/theta.npy', filled(30));
    const report = await preflightRunSpec(
      ttiSpec({ epsilon: 'models/eps.npy', delta: 'models/delta.npy', theta: 'models/theta.npy' }),
      objects,
    );
    expect(report.errors).toEqual([]);
  });

  it('names the parameter of a wrong shape, NaN, a percentage or a missing object', async () => {
    const { objects, put } = bucket();
    put('models/vp.npy', filled(2));
    put('models/eps.npy', filled(0.2, 100 * 51), [100, 51]);
    const delta = filled(10);
    delta[7] = Number.NaN;
    put('models/delta.npy', delta);
    const report = await preflightRunSpec(
      ttiSpec({ epsilon: 'models/eps.npy', delta: 'models/delta.npy', theta: 'models/theta.npy' }),
      objects,
    );
    expect(report.errors).toEqual([
      expect.stringMatching(
        /^model\.anisotropy\.epsilon: .*models\/eps\.npy: shape \[100,51\]; expected \[101,51\]/,
      ),
      expect.stringMatching(
        /^model\.anisotropy\.delta: .*1 NaN or infinite values .*; expected finite values$/,
      ),
      expect.stringMatching(
        /^model\.anisotropy\.delta: .*values from 10 to 10 .*; expected dimensionless \(not %\) values between -0\.25 and 1 \(a percentage\? divide by 100\)$/,
      ),
      expect.stringMatching(
        /^model\.anisotropy\.theta: .*no such object; expected a model-shaped \.npy or SEG-Y object there$/,
      ),
    ]);
  });

  it('takes ε into the time step: a TTI preset needs more steps than its acoustic twin', () => {
    const twin = (physics: 'acoustic' | 'tti') =>
      validateRunSpec(
        lsrtmSpec({
          physics,
          model: { preset: 'layered-tti', shape: [101, 51], spacing: [10, 10] },
        } as Partial<RunSpecInput>),
      );
    const acoustic = preflightSpec(twin('acoustic'), { minKmS: 1.5, maxKmS: 3.5 });
    const tti = preflightSpec(twin('tti'), { minKmS: 1.5, maxKmS: 3.5 });
    const gradient = (report: typeof tti) => report.memory.find((m) => m.kind === 'gradient')?.mib ?? 0;
    // Two wavefields and a smaller step (vp √(1 + 2 × 0.25)): more than twice the memory.
    console.log(`gradient MiB: acoustic ${gradient(acoustic).toFixed(0)}, TTI ${gradient(tti).toFixed(0)}`);
    expect(gradient(tti)).toBeGreaterThan(2 * gradient(acoustic) - 2 * 126);
  });
});

describe('preflight of 3D acquisition', () => {
  it('names the end of a range outside a 3D model', () => {
    const spec = validateRunSpec(
      lsrtmSpec({
        model: { preset: 'layered', shape: [41, 41, 41], spacing: [10, 10, 10] },
        acquisition: {
          sources: { count: 3, depthM: 10, yRangeM: [0, 500] },
          receivers: { count: [5, 5], depthM: 10, xRangeM: [-10, 400] },
          recordingTimeMs: 300,
          peakFrequencyHz: 10,
        },
        algorithm: { kind: 'rtm' },
        compute: { memoryMiB: 8192 },
      } as Partial<RunSpecInput>),
    );
    expect(preflightSpec(spec, { minKmS: 1.5, maxKmS: 3.5 }).errors).toEqual([
      'acquisition.sources.yRangeM.1: shot 2 at y 500 m is outside the grid; expected y within 0–400 m (x 0–400 m, y 0–400 m, z 0–400 m)',
      'acquisition.receivers.xRangeM.0: the first receivers at x -10 m are outside the grid; expected x within 0–400 m (x 0–400 m, y 0–400 m, z 0–400 m)',
    ]);
  });
});
