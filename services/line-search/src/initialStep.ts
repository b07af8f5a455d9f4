/**
 * The first step of a search, from the spec's `initial`, so that the first update has a size the
 * user can reason about:
 *
 * - LS-RTM/RTM: `initial` is the largest change of any image sample: step = initial / max|dᵢ|.
 * - FWI (d in squared slowness m = 1/v²): `initial` is the largest relative change of any
 *   velocity (0.05 → 5 %). Since Δv/v ≈ −½ v² Δm, step = initial / max(½ vᵢ² |dᵢ|).
 *
 * Returns 0 for a zero direction.
 *
 * @example
 * initialStep(0.1, new Float32Array([0.5, -2])) // 0.05
 */
export function initialStep(initial: number, direction: Float32Array, velocity?: Float32Array): number {
  let max = 0;
  for (let i = 0; i < direction.length; i++) {
    const d = Math.abs(direction[i] as number);
    const v = velocity === undefined ? undefined : (velocity[i] as number);
    max = Math.max(max, v === undefined ? d : 0.5 * v * v * d);
  }
  return max > 0 && Number.isFinite(max) ? initial / max : 0;
}
