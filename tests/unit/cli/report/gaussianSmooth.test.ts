import { gaussianSmooth } from '../../../../scripts/report/gaussianSmooth';

const impulse = (shape: number[], at: number) => {
  const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  data[at] = 1;
  return { shape, data };
};

describe('gaussianSmooth', () => {
  it('keeps a constant array constant, edges included', () => {
    const smoothed = gaussianSmooth({ shape: [5, 7], data: new Float32Array(35).fill(2) }, [1.5, 2]);

    for (const value of smoothed.data) expect(value).toBeCloseTo(2, 6);
  });

  it('spreads an interior impulse into a Gaussian of the given σ, keeping its sum', () => {
    const n = 41;
    const smoothed = gaussianSmooth(impulse([n], 20), [3]);

    const total = smoothed.data.reduce((a, b) => a + b, 0);
    const variance = smoothed.data.reduce((a, w, i) => a + w * (i - 20) ** 2, 0) / total;
    expect(total).toBeCloseTo(1, 5);
    expect(Math.sqrt(variance)).toBeCloseTo(3, 1);
    expect(smoothed.data[17]).toBeCloseTo((smoothed.data[20] as number) * Math.exp(-0.5), 3);
  });

  it('smooths only the axes with σ > 0 (C order: the last axis is contiguous)', () => {
    // An impulse at (x 2, z 3) of a [5, 7] grid; smoothing along z only.
    const smoothed = gaussianSmooth(impulse([5, 7], 2 * 7 + 3), [0, 1]);

    const nonZeroRows = new Set<number>();
    smoothed.data.forEach((v, i) => {
      if (v !== 0) nonZeroRows.add(Math.floor(i / 7));
    });
    expect([...nonZeroRows]).toEqual([2]);
    expect(smoothed.data[2 * 7 + 2]).toBeCloseTo(smoothed.data[2 * 7 + 4] as number, 6);
    expect(smoothed.data[2 * 7 + 2]).toBeGreaterThan(0);
  });
});
