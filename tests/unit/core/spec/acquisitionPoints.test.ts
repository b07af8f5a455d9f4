import { expandPoints } from '@seisless/core';
import fc from 'fast-check';

const model = { shape: [101, 51], spacing: [10, 10] };

describe('expandPoints', () => {
  it('spreads a line over the model extent by default', () => {
    expect(expandPoints({ count: 3, depthM: 20 }, model)).toEqual([
      [0, 20],
      [500, 20],
      [1000, 20],
    ]);
  });

  it('never puts a point past the range by rounding (16 points over 4 km end at 4000, not 4000.0000000000005)', () => {
    const points = expandPoints({ count: 16, depthM: 20 }, { shape: [401, 201], spacing: [10, 10] });

    expect(points.at(-1)).toEqual([4000, 20]);
    expect(points.every(([x = -1]) => x >= 0 && x <= 4000)).toBe(true);
  });

  it('keeps every point of any line inside its range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 2, max: 2000 }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        (count, nx, dx) => {
          const extent = (nx - 1) * dx;
          const points = expandPoints({ count, depthM: 0 }, { shape: [nx, 11], spacing: [dx, 10] });
          expect(points.every(([x = -1]) => x >= 0 && x <= extent)).toBe(true);
          expect(points.at(-1)?.[0]).toBe(extent);
        },
      ),
    );
  });

  it('puts a single point in the middle of the range', () => {
    expect(expandPoints({ count: 1, depthM: 5, xRangeM: [100, 300] }, model)).toEqual([[200, 5]]);
  });

  it('returns explicit positions unchanged', () => {
    const positions = [
      [10, 20],
      [30, 40],
    ];
    expect(expandPoints({ positions }, model)).toEqual(positions);
  });

  it('spaces any line evenly from the first to the last x at the given depth', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (count, a, b, depthM) => {
          const points = expandPoints({ count, depthM, xRangeM: [a, b] }, model);
          expect(points).toHaveLength(count);
          expect(points[0]?.[0]).toBeCloseTo(a, 6);
          expect(points.at(-1)?.[0]).toBeCloseTo(b, 6);
          const step = (b - a) / (count - 1);
          points.forEach((p, i) => {
            expect(p[0]).toBeCloseTo(a + i * step, 6);
            expect(p[1]).toBe(depthM);
          });
        },
      ),
    );
  });
});

describe('expandPoints in 3D', () => {
  const model3d = { shape: [11, 21, 11], spacing: [10, 10, 10] };

  it('spreads an areal grid over the model extent, x varying fastest', () => {
    const points = expandPoints({ count: [3, 2], depthM: 5 }, model3d);
    expect(points).toEqual([
      [0, 0, 5],
      [50, 0, 5],
      [100, 0, 5],
      [0, 200, 5],
      [50, 200, 5],
      [100, 200, 5],
    ]);
  });

  it('puts a line along x at the model middle in y by default', () => {
    expect(expandPoints({ count: 3, depthM: 5 }, model3d)).toEqual([
      [0, 100, 5],
      [50, 100, 5],
      [100, 100, 5],
    ]);
  });

  it('draws a line from (x0, y0) to (x1, y1)', () => {
    expect(expandPoints({ count: 2, depthM: 0, xRangeM: [10, 90], yRangeM: [20, 180] }, model3d)).toEqual([
      [10, 20, 0],
      [90, 180, 0],
    ]);
  });
});
