/**
 * The exact step of a quadratic objective f(x) = ½‖Jx − b‖² along d = −g:
 * α = ‖g‖² / ‖J d‖², the minimiser of f(x + α d). `curvature` is ‖J d‖² = Σᵢ ‖Jᵢ d‖² over the
 * shots (born-norm jobs). Undefined (NaN) when the curvature is not positive.
 *
 * @example
 * exactStep(4, 8) // 0.5
 */
export function exactStep(gradientNormSq: number, curvature: number): number {
  if (!(curvature > 0) || !Number.isFinite(curvature)) return Number.NaN;
  return gradientNormSq / curvature;
}
