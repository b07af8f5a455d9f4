import { dot } from '../vectors';

/** A Barzilai–Borwein step, or why there is none. */
export type BbResult = { readonly step: number } | { readonly reason: string };

/**
 * The BB1 step sᵀs / sᵀy, with s = x_{k−1} − x_{k−2} (the last update) and y = g_k − g_{k−1}
 * (the change of gradient it caused). For a quadratic with Hessian A, y = A s and the step lies
 * in [1/λmax, 1/λmin]. With sᵀy ≤ 0 (non-convex, or noisy mini-batch gradients) there is no BB
 * step and the caller falls back.
 *
 * @example
 * bbStep(new Float32Array([1, 0]), new Float32Array([2, 0])) // { step: 0.5 }
 */
export function bbStep(s: Float32Array, y: Float32Array): BbResult {
  const ss = dot(s, s);
  const sy = dot(s, y);
  if (!(ss > 0)) return { reason: 'the last update s is zero' };
  if (!(sy > 0) || !Number.isFinite(sy))
    return { reason: `sᵀy = ${sy.toPrecision(4)} ≤ 0 (curvature not positive)` };
  const step = ss / sy;
  return Number.isFinite(step) ? { step } : { reason: 'sᵀs / sᵀy is not finite' };
}
