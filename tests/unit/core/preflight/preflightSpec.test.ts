import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertPreflightPassed,
  preflightRunSpec,
  preflightSpec,
  type RunSpecInput,
  ValidationError,
  validateRunSpec,
} from '@seisless/core';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const LAYERED = { minKmS: 1.5, maxKmS: 3.5 };
const spec = (overrides: Partial<RunSpecInput> = {}) => validateRunSpec(lsrtmSpec(overrides));
const acquisition = lsrtmSpec().acquisition;

describe('preflightSpec: geometry', () => {
  it('names each shot outside the grid, its position and the grid extent', () => {
    const report = preflightSpec(
      spec({
        acquisition: {
          ...acquisition,
          sources: {
            positions: [
              [500, 20],
              [1200, 20],
              [-5, 20],
              [0, 0],
            ],
          },
        },
      }),
      LAYERED,
    );

    expect(report.errors).toEqual([
      'acquisition.sources.positions.1: shot 1 at [1200,20] m is outside the grid; expected x 0–1000 m, z 0–500 m',
      'acquisition.sources.positions.2: shot 2 at [-5,20] m is outside the grid; expected x 0–1000 m, z 0–500 m',
    ]);
  });

  it('checks a line of receivers by its depth and the ends of its range', () => {
    const receivers = { count: 50, depthM: 600, xRangeM: [0, 1500] as [number, number] };

    const report = preflightSpec(spec({ acquisition: { ...acquisition, receivers } }), LAYERED);

    expect(report.errors).toEqual([
      'acquisition.receivers.depthM: 600 m is below the grid; expected a depth within z 0–500 m',
      'acquisition.receivers.xRangeM.1: receiver 49 at x 1500 m is outside the grid; expected x within 0–1000 m (x 0–1000 m, z 0–500 m)',
    ]);
  });
});

describe('preflightSpec: time axis', () => {
  it('refuses a sampling interval as long as the recording', () => {
    const report = preflightSpec(spec({ acquisition: { ...acquisition, samplingMs: 800 } }), LAYERED);

    expect(report.errors).toContain(
      'acquisition.samplingMs: 800 ms; expected less than acquisition.recordingTimeMs (800 ms), so that a trace has at least two samples',
    );
  });

  it('refuses a sampling that aliases the peak frequency and warns below the Nyquist interval of 2.5 × it', () => {
    const aliased = preflightSpec(spec({ acquisition: { ...acquisition, samplingMs: 40 } }), LAYERED);
    const coarse = preflightSpec(spec({ acquisition: { ...acquisition, samplingMs: 20 } }), LAYERED);
    const fine = preflightSpec(spec({ acquisition: { ...acquisition, samplingMs: 4 } }), LAYERED);

    expect(aliased.errors).toEqual([
      'acquisition.samplingMs: 40 ms aliases the 15 Hz peak frequency; expected at most 33.333 ms (recommended 13.333 ms, the Nyquist interval of 37.5 Hz)',
    ]);
    expect(coarse.errors).toEqual([]);
    expect(coarse.warnings).toEqual([
      "acquisition.samplingMs: 20 ms cuts the source's spectrum above 25 Hz; recommended at most 13.333 ms (the Nyquist interval of 37.5 Hz, 2.5 × the peak frequency)",
    ]);
    expect(fine.warnings).toEqual([]);
  });
});

describe('preflightSpec: points per wavelength', () => {
  it('refuses a 250 Hz source on a 10 m grid, stating the floor and the recommended value', () => {
    const report = preflightSpec(spec({ acquisition: { ...acquisition, peakFrequencyHz: 250 } }), LAYERED);

    expect(report.errors).toContain(
      "acquisition.peakFrequencyHz: 250 Hz gives 0.24 grid points per shortest wavelength (1.5 km/s (the layered preset's lowest) / 625 Hz, 2.5 × the peak frequency / 10 m spacing); expected at least 2.7 for space order 8 (recommended 3.5): lower the frequency, refine model.spacing or raise compute.spaceOrder",
    );
  });

  it('warns between the floor and the recommended value, and depends on the space order', () => {
    const at = (spaceOrder: number) =>
      preflightSpec(
        spec({ acquisition: { ...acquisition, peakFrequencyHz: 20 }, compute: { spaceOrder } }),
        LAYERED,
      );

    expect(at(8).errors).toEqual([]);
    expect(at(8).warnings).toEqual([
      "acquisition.peakFrequencyHz: 20 Hz gives 3.00 grid points per shortest wavelength (1.5 km/s (the layered preset's lowest) / 50 Hz, 2.5 × the peak frequency / 10 m spacing); recommended 3.5 for space order 8 (numerical dispersion above 1 %)",
    ]);
    expect(at(12).warnings).toEqual([]);
    expect(at(4).errors).toHaveLength(1);
  });
});

describe('preflightSpec: limits and memory', () => {
  it('refuses a [1e9, 1e9] model with one line per limit, computing nothing of that size', () => {
    const huge = spec({ model: { preset: 'layered', shape: [1e9, 1e9], spacing: [10, 10] } });

    const report = preflightSpec(huge, LAYERED);

    expect(report.errors).toEqual([
      'model.shape: [1000000000,1000000000] is 1.00e+18 grid points; expected at most 4.29e+9 (a typo?)',
      expect.stringMatching(
        /^compute: a gradient job would need about .* MiB .*; expected at most 4,194,304 MiB \(4 TiB, the largest machine AWS Batch places jobs on\)/,
      ),
    ]);
    expect(() => assertPreflightPassed(report, 'spec.json')).toThrow(ValidationError);
  });

  it('refuses a spec whose gradient job cannot fit compute.memoryMiB, naming the estimate per job kind', () => {
    const big = spec({
      model: { preset: 'layered', shape: [601, 301], spacing: [10, 10] },
      acquisition: { ...acquisition, recordingTimeMs: 3000, receivers: { count: 301, depthM: 20 } },
      compute: { memoryMiB: 2048 },
    });

    const report = preflightSpec(big, LAYERED);

    expect(report.errors).toEqual([
      expect.stringMatching(
        /^compute\.memoryMiB: 2048; expected at least 2,[67]\d\d, the estimated peak of a gradient job \(MiB per job: model \d+, observe \d+, gradient 2,[67]\d\d; .* time steps\): raise compute\.memoryMiB, or set compute\.checkpointing: true/,
      ),
    ]);
    expect(report.memory.map((job) => job.kind)).toEqual(['model', 'observe', 'gradient']);
  });

  it('lets checkpointing fit the same run in far less memory', () => {
    const big = spec({
      model: { preset: 'layered', shape: [601, 301], spacing: [10, 10] },
      acquisition: { ...acquisition, recordingTimeMs: 3000 },
      compute: { memoryMiB: 2048, checkpointing: true },
    });

    const report = preflightSpec(big, LAYERED);

    expect(report.errors).toEqual([]);
    expect(report.memory.find((job) => job.kind === 'gradient')?.mib).toBeLessThan(300);
  });

  it('refuses FWI bounds below the model velocity, which would fail every job', () => {
    const fwi = validateRunSpec(fwiSpec());

    const report = preflightSpec(fwi, { minKmS: 1.5, maxKmS: 4.5 });

    expect(report.errors).toEqual([
      "algorithm.bounds.maxKmS: 4 km/s is below the model's highest velocity 4.5 km/s; expected at least 4.5 (it fixes every job's time step)",
    ]);
  });

  it('lists every problem of a spec, not just the first', async () => {
    const bad = spec({
      acquisition: { ...acquisition, sources: { count: 4, depthM: 900 }, peakFrequencyHz: 300 },
    });

    const refusal = await preflightRunSpec(bad).then((report) => {
      try {
        assertPreflightPassed(report, 'spec.json');
      } catch (error) {
        return error as ValidationError;
      }
      return undefined;
    });

    expect(refusal?.issues).toHaveLength(2);
    expect(refusal?.message).toMatch(
      /^spec\.json cannot run: acquisition\.sources\.depthM: .*; acquisition\.peakFrequencyHz: /,
    );
    expect(refusal?.message).not.toContain('\n');
  });
});

describe('the example specs in numerical-examples/specs', () => {
  const dir = join(__dirname, '..', '..', '..', '..', 'numerical-examples', 'specs');
  const files = readdirSync(dir).filter((name) => name.endsWith('.json'));

  it.each(files)('%s passes every pre-submission check', async (name) => {
    const example = validateRunSpec(JSON.parse(readFileSync(join(dir, name), 'utf8')), name);

    const report = await preflightRunSpec(example);

    expect(report.errors).toEqual([]);
    expect(report.memory.length).toBeGreaterThan(0);
  });
});
