import fc from 'fast-check';
import { exactStep } from '../../../../../services/line-search/src/rules/exactStep';

/** f(x) = ½‖Jx − b‖² for a dense J (rows × cols). */
function objective(J: number[][], b: number[], x: number[]): number {
  return (
    0.5 *
    J.reduce(
      (sum, row, i) => sum + (row.reduce((r, a, j) => r + a * (x[j] as number), 0) - (b[i] as number)) ** 2,
      0,
    )
  );
}

function apply(J: number[][], x: number[]): number[] {
  return J.map((row) => row.reduce((r, a, j) => r + a * (x[j] as number), 0));
}

function applyT(J: number[][], r: number[]): number[] {
  return (J[0] ?? []).map((_, j) =>
    J.reduce((sum, row, i) => sum + (row[j] as number) * (r[i] as number), 0),
  );
}

describe('exactStep', () => {
  it('is ‖g‖² / ‖Jd‖²', () => {
    expect(exactStep(4, 8)).toBe(0.5);
  });

  it('is undefined without positive curvature', () => {
    expect(exactStep(4, 0)).toBeNaN();
    expect(exactStep(4, Number.POSITIVE_INFINITY)).toBeNaN();
  });

  it('minimises ½‖J(x + αd) − b‖² along d = −g for a random linear J', () => {
    const value = fc.double({ min: -5, max: 5, noNaN: true });
    const problem = fc
      .record({ rows: fc.integer({ min: 1, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
      .chain(({ rows, cols }) =>
        fc.record({
          J: fc.array(fc.array(value, { minLength: cols, maxLength: cols }), {
            minLength: rows,
            maxLength: rows,
          }),
          b: fc.array(value, { minLength: rows, maxLength: rows }),
          x: fc.array(value, { minLength: cols, maxLength: cols }),
          delta: fc.double({ min: -1, max: 1, noNaN: true }),
        }),
      );
    fc.assert(
      fc.property(problem, ({ J, b, x, delta }) => {
        const residual = apply(J, x).map((v, i) => v - (b[i] as number));
        const g = applyT(J, residual);
        const d = g.map((v) => -v);
        const gg = g.reduce((s, v) => s + v * v, 0);
        const Jd = apply(J, d);
        const curvature = Jd.reduce((s, v) => s + v * v, 0);
        fc.pre(gg > 1e-9 && curvature > 1e-9);
        const alpha = exactStep(gg, curvature);
        const at = (a: number) =>
          objective(
            J,
            b,
            x.map((v, j) => v + a * (d[j] as number)),
          );
        const tolerance = 1e-9 * (1 + Math.abs(at(alpha)));
        expect(at(alpha)).toBeLessThanOrEqual(at(alpha + delta * alpha) + tolerance);
        expect(at(alpha)).toBeLessThanOrEqual(at(0) + tolerance);
      }),
    );
  });
});
