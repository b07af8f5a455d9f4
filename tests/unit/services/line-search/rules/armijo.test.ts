import fc from 'fast-check';
import { armijoHolds, armijoNext, backtrack } from '../../../../../services/line-search/src/rules/armijo';

const settings = { shrink: 0.5, c1: 1e-4, maxTrials: 6 };

describe('armijoHolds', () => {
  it('asks for a sufficient decrease', () => {
    expect(armijoHolds({ f0: 10, value: 9, step: 1, slope: -2, c1: 1e-4 })).toBe(true);
    expect(armijoHolds({ f0: 10, value: 10, step: 1, slope: -2, c1: 1e-4 })).toBe(false);
    expect(armijoHolds({ f0: 10, value: Number.NaN, step: 1, slope: -2, c1: 1e-4 })).toBe(false);
  });
});

describe('armijoNext', () => {
  it('accepts the latest trial that satisfies the condition', () => {
    expect(
      armijoNext(settings, { f0: 10, slope: -4 }, [
        { step: 1, value: 20 },
        { step: 0.5, value: 8 },
      ]),
    ).toEqual({
      action: 'accept',
      step: 0.5,
    });
  });

  it('backtracks after a failed trial', () => {
    // The quadratic through f0 = 10, slope −4 and f(1) = 20 has its minimum at 4 / 28.
    expect(armijoNext(settings, { f0: 10, slope: -4 }, [{ step: 1, value: 20 }])).toEqual({
      action: 'trial',
      step: expect.closeTo(1 / 7, 12),
    });
  });

  it('accepts the best decreasing trial with a warning once trials run out', () => {
    const trials = [
      { step: 1, value: 9.9999999 },
      { step: 0.5, value: 9.99999 },
    ];
    const outcome = armijoNext({ ...settings, c1: 0.9, maxTrials: 2 }, { f0: 10, slope: -4 }, trials);
    expect(outcome).toMatchObject({ action: 'accept', step: 0.5 });
    expect(outcome).toHaveProperty('warning', expect.stringMatching(/no trial met the Armijo condition/));
  });

  it('fails when no trial lowered the objective', () => {
    const outcome = armijoNext({ ...settings, maxTrials: 2 }, { f0: 10, slope: -4 }, [
      { step: 1, value: 11 },
      { step: 0.5, value: 10 },
    ]);
    expect(outcome).toMatchObject({
      action: 'fail',
      reason: expect.stringMatching(/no trial step lowered the objective f0=10/),
    });
  });

  it('on a convex quadratic ray, ends with an accepted step that satisfies Armijo', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }), // curvature along d
        fc.double({ min: 0.01, max: 100, noNaN: true }), // −slope
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }), // first trial step
        (curvature, minusSlope, first) => {
          const f = (a: number) => 50 - minusSlope * a + 0.5 * curvature * a * a;
          const start = { f0: f(0), slope: -minusSlope };
          const long = { ...settings, maxTrials: 60 };
          const trials = [{ step: first, value: f(first) }];
          for (;;) {
            const outcome = armijoNext(long, start, trials);
            if (outcome.action === 'trial') {
              const previous = trials.at(-1)?.step as number;
              expect(outcome.step).toBeGreaterThanOrEqual(0.1 * previous * (1 - 1e-12));
              expect(outcome.step).toBeLessThanOrEqual(0.5 * previous * (1 + 1e-12));
              trials.push({ step: outcome.step, value: f(outcome.step) });
              continue;
            }
            expect(outcome.action).toBe('accept');
            if (outcome.action === 'accept') {
              expect(armijoHolds({ ...start, step: outcome.step, value: f(outcome.step), c1: long.c1 })).toBe(
                true,
              );
              expect(trials.slice(0, -1).every((t) => !armijoHolds({ ...start, ...t, c1: long.c1 }))).toBe(
                true,
              );
            }
            return;
          }
        },
      ),
    );
  });
});

describe('backtrack', () => {
  const start = { f0: 10, slope: -4 };

  it('goes to the minimiser of the quadratic through f0, the slope and f(α)', () => {
    // f(a) = 10 − 4a + 8a² has its minimum at a = 0.25
    expect(backtrack(0.5, start, { step: 1, value: 14 })).toBeCloseTo(0.25, 12);
  });

  it('cuts the step by at least shrink and at most 10×', () => {
    expect(backtrack(0.5, start, { step: 2, value: 9.9999 })).toBe(1);
    expect(backtrack(0.5, start, { step: 2, value: 1e6 })).toBeCloseTo(0.2, 12);
    expect(backtrack(0.05, start, { step: 2, value: 14 })).toBeCloseTo(0.1, 12);
  });

  it('shrinks by `shrink` when f(α) is not finite', () => {
    expect(backtrack(0.5, start, { step: 2, value: Number.NaN })).toBe(1);
    expect(backtrack(0.5, start, { step: 2, value: Number.POSITIVE_INFINITY })).toBe(1);
  });
});
