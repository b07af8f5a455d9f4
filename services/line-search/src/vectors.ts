/**
 * Vector arithmetic on float32 arrays with float64 accumulation (sums of millions of float32
 * products lose digits otherwise). Arguments of one call have equal lengths.
 */

/** Σ aᵢ bᵢ. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** ‖a‖² = Σ aᵢ². */
export function normSq(a: Float32Array): number {
  return dot(a, a);
}

/** max |aᵢ| (0 for an empty array). */
export function maxAbs(a: Float32Array): number {
  let max = 0;
  for (const value of a) max = Math.max(max, Math.abs(value));
  return max;
}

/** A new array s·a. */
export function scaled(a: Float32Array, s: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = s * (a[i] as number);
  return out;
}

/** A new array a − b. */
export function difference(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = (a[i] as number) - (b[i] as number);
  return out;
}
