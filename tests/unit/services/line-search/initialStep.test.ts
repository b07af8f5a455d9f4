import fc from 'fast-check';
import { initialStep } from '../../../../services/line-search/src/initialStep';

describe('initialStep', () => {
  it('makes the largest image change equal to initial (LS-RTM)', () => {
    expect(initialStep(0.1, Float32Array.from([0.5, -2]))).toBeCloseTo(0.05, 12);
  });

  it('is 0 for a zero direction', () => {
    expect(initialStep(0.1, new Float32Array(3))).toBe(0);
  });

  it('makes the largest relative velocity change about initial (FWI, direction in m = 1/v²)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 1.4, max: 4.5, noNaN: true }),
            fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
          ),
          { minLength: 1, maxLength: 50 },
        ),
        fc.double({ min: 0.001, max: 0.05, noNaN: true }),
        (cells, initial) => {
          const v = Float32Array.from(cells.map((c) => c[0]));
          const d = Float32Array.from(cells.map((c) => c[1]));
          const step = initialStep(initial, d, v);
          if (step === 0) return;
          const relative = Array.from(
            v,
            (vi, i) => Math.abs(1 / Math.sqrt(1 / (vi * vi) + step * (d[i] as number)) - vi) / vi,
          );
          const largest = Math.max(...relative);
          expect(largest).toBeGreaterThan(initial * 0.9);
          expect(largest).toBeLessThan(initial * 1.1);
        },
      ),
    );
  });
});
