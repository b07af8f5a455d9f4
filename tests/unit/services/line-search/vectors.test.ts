import fc from 'fast-check';
import { difference, dot, maxAbs, normSq, scaled } from '../../../../services/line-search/src/vectors';

const f32 = (values: number[]) => Float32Array.from(values);
const finite = fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });

describe('vectors', () => {
  it('computes dot products, norms and maxima', () => {
    expect(dot(f32([1, 2, 3]), f32([4, -5, 6]))).toBe(12);
    expect(normSq(f32([3, 4]))).toBe(25);
    expect(maxAbs(f32([1, -7, 3]))).toBe(7);
    expect(maxAbs(f32([]))).toBe(0);
    expect(Array.from(scaled(f32([1, -2]), 3))).toEqual([3, -6]);
    expect(Array.from(difference(f32([5, 1]), f32([2, 3])))).toEqual([3, -2]);
  });

  it('accumulates in float64: the dot product equals the exact sum of float32 products', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(finite, finite), { maxLength: 200 }), (pairs) => {
        const a = f32(pairs.map((p) => p[0]));
        const b = f32(pairs.map((p) => p[1]));
        let expected = 0;
        for (let i = 0; i < a.length; i++) expected += (a[i] as number) * (b[i] as number);
        expect(dot(a, b)).toBe(expected);
      }),
    );
  });

  it('keeps digits a float32 sum would lose', () => {
    const ones = new Float32Array(20_000_000 / 1000).fill(1000);
    expect(normSq(ones)).toBe(20_000 * 1e6);
  });
});
