import fc from 'fast-check';
import { bbStep } from '../../../../../services/line-search/src/rules/barzilaiBorwein';

const f32 = (values: number[]) => Float32Array.from(values);

describe('bbStep', () => {
  it('is sᵀs / sᵀy', () => {
    expect(bbStep(f32([1, 0]), f32([2, 0]))).toEqual({ step: 0.5 });
  });

  it('has no step for non-positive curvature or a zero update', () => {
    expect(bbStep(f32([1, 0]), f32([-1, 0]))).toHaveProperty('reason', expect.stringMatching(/sᵀy/));
    expect(bbStep(f32([0, 0]), f32([1, 1]))).toHaveProperty('reason', 'the last update s is zero');
  });

  it('lies between 1/λmax and 1/λmin for a quadratic with Hessian diag(λ)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.double({ min: 0.1, max: 100, noNaN: true }),
            fc.integer({ min: -1000, max: 1000 }).map((v) => v / 100),
          ),
          { minLength: 1, maxLength: 30 },
        ),
        (cells) => {
          const s = f32(cells.map((c) => c[1]));
          const y = f32(cells.map((c, i) => Math.fround(c[0]) * (s[i] as number)));
          const result = bbStep(s, y);
          if (!('step' in result)) return; // s = 0
          const lambdas = cells.map((c) => Math.fround(c[0]));
          expect(result.step).toBeGreaterThanOrEqual((1 / Math.max(...lambdas)) * (1 - 1e-6));
          expect(result.step).toBeLessThanOrEqual((1 / Math.min(...lambdas)) * (1 + 1e-6));
        },
      ),
    );
  });
});
