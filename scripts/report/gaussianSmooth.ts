import type { Float32Npy } from '@seisless/core';

/** Gaussian weights (not normalised) at offsets −radius…radius, radius = ⌈3σ⌉ cells. */
function gaussianKernel(sigmaCells: number): Float64Array {
  const radius = Math.ceil(3 * sigmaCells);
  return Float64Array.from({ length: 2 * radius + 1 }, (_, i) =>
    Math.exp(-0.5 * ((i - radius) / sigmaCells) ** 2),
  );
}

/** Convolves every line of `data` along one axis with the kernel, renormalised where it leaves the grid. */
function smoothAxis(
  data: Float64Array,
  shape: readonly number[],
  axis: number,
  sigmaCells: number,
): Float64Array {
  const n = shape[axis] ?? 1;
  if (sigmaCells <= 0 || n < 2) return data;
  const kernel = gaussianKernel(sigmaCells);
  const radius = (kernel.length - 1) / 2;
  const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const out = new Float64Array(data.length);
  for (let start = 0; start < data.length; start += 1) {
    // `start` is the first element of a line along `axis` when its index along `axis` is 0.
    if (Math.floor(start / stride) % n !== 0) continue;
    for (let i = 0; i < n; i += 1) {
      let sum = 0;
      let weight = 0;
      for (let j = Math.max(0, i - radius); j <= Math.min(n - 1, i + radius); j += 1) {
        const w = kernel[j - i + radius] as number;
        sum += w * (data[start + j * stride] as number);
        weight += w;
      }
      out[start + i * stride] = sum / weight;
    }
  }
  return out;
}

/**
 * Gaussian smoothing of an N-D array, separable along each axis, with standard deviation
 * `sigmaCells[axis]` in grid cells (0 leaves that axis alone). Near the edges the kernel is cut
 * and renormalised, so a constant array stays constant.
 *
 * @example
 * gaussianSmooth({ shape: [3, 3], data: new Float32Array(9).fill(1) }, [1, 1]).data; // all 1
 */
export function gaussianSmooth(array: Float32Npy, sigmaCells: readonly number[]): Float32Npy {
  let data: Float64Array = Float64Array.from(array.data);
  array.shape.forEach((_, axis) => {
    data = smoothAxis(data, array.shape, axis, sigmaCells[axis] ?? 0);
  });
  return { shape: array.shape, data: Float32Array.from(data) };
}
