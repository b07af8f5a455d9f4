import type { Float32Npy } from '@seisless/core';
import { exampleSpec, runWorkflow } from './runWorkflow';

const ITERATIONS = 10;

/** ‖a − b‖₂ over every grid point (km/s). */
function distance(a: Float32Npy, b: Float32Npy): number {
  expect(a.shape).toEqual(b.shape);
  let sum = 0;
  for (let i = 0; i < a.data.length; i += 1) {
    const d = (a.data[i] as number) - (b.data[i] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

describe('FWI of a camembert model, end to end on the local cloud with Devito', () => {
  it(
    'lowers the velocity error by at least 30% in 10 full-batch Armijo iterations, never raising the objective',
    async () => {
      // Arrange: the example as it is; full batch, so every iteration's objective is over the same shots.
      const spec = exampleSpec('fwi-camembert');
      const sources = (spec.acquisition as { sources: { count: number } }).sources;
      expect(spec.algorithm).toMatchObject({ kind: 'fwi', iterations: ITERATIONS, batchSize: sources.count });

      // Act
      const outcome = await runWorkflow(spec, 'it-fwi-camembert');

      // Assert: per_iteration[k − 1].objective is f(x_{k−1}), and Armijo only accepts steps that lower f.
      expect(outcome.exitCode).toBe(0);
      expect(outcome.result.status).toBe('SUCCEEDED');
      expect(outcome.report.per_iteration).toHaveLength(ITERATIONS);
      const objectives = outcome.report.per_iteration.map((i) => i.objective);
      expect(objectives.every((f) => typeof f === 'number' && Number.isFinite(f))).toBe(true);
      for (let k = 1; k < ITERATIONS; k += 1) expect(objectives[k]).toBeLessThan(objectives[k - 1] as number);
      // ‖m − m_true‖ over the whole grid, from the starting model to the iterate after each iteration.
      const truth = outcome.array('model');
      const start = distance(outcome.array('background'), truth);
      const errors = Array.from({ length: ITERATIONS }, (_, k) =>
        distance(outcome.array(`iterate-${k + 1}`), truth),
      );
      const end = errors.at(-1) as number;
      process.stderr.write(
        `fwi-camembert: objective ${objectives.map((f) => f?.toPrecision(4)).join(' → ')}\n` +
          `fwi-camembert: ‖m − m_true‖ ${[start, ...errors].map((e) => e.toFixed(3)).join(' → ')}` +
          ` (${((1 - end / start) * 100).toFixed(1)}% lower)\n`,
      );
      expect(end).toBeLessThanOrEqual(0.7 * start);
    },
    20 * 60_000,
  );
});

describe('FWI with TTI physics, end to end on the local cloud with Devito', () => {
  it(
    'runs every job with the TTI parameters and lowers the objective',
    async () => {
      // A layered-tti line: FWI inverts vp alone, ε, δ, θ smoothed like the starting model.
      const spec = exampleSpec('fwi-camembert', (s) => {
        s.physics = 'tti';
        s.model = { preset: 'layered-tti', shape: [101, 61], spacing: [10, 10] };
        s.background = { smoothingM: 150 };
        s.acquisition = {
          sources: { count: 3, depthM: 20 },
          receivers: { count: 101, depthM: 20 },
          recordingTimeMs: 800,
          peakFrequencyHz: 8,
        };
        s.algorithm = { ...(s.algorithm as object), iterations: 2, bounds: { minKmS: 1.4, maxKmS: 3.6 } };
      });

      const outcome = await runWorkflow(spec, 'it-fwi-tti');

      expect(outcome.exitCode).toBe(0);
      expect(outcome.result.status).toBe('SUCCEEDED');
      const objectives = outcome.report.per_iteration.map((i) => i.objective as number);
      process.stderr.write(`fwi-tti: objective ${objectives.map((f) => f.toPrecision(4)).join(' → ')}\n`);
      expect(objectives).toHaveLength(2);
      expect(objectives[1]).toBeLessThan(objectives[0] as number);
      // Before December 7 FWI's jobs got no TTI parameters and the first gradient job failed.
      expect(outcome.array('iterate-2').data.every(Number.isFinite)).toBe(true);
    },
    10 * 60_000,
  );
});
