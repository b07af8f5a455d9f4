/**
 * The search direction d = −g, in the units of the gradient: the image for LS-RTM/RTM, squared
 * slowness m = 1/v² (s²/km²) for FWI. Trial jobs evaluate, and the iterator's update writes,
 * x + step·d: for FWI m + step·d mapped back to velocity 1/√m and clipped to the bounds.
 *
 * @example
 * searchDirection(new Float32Array([1, -2])) // Float32Array [-1, 2]
 */
export function searchDirection(gradient: Float32Array): Float32Array {
  return gradient.map((g) => -g);
}
