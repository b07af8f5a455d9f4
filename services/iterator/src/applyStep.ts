/** x + α·d for an LS-RTM/RTM image (squared-slowness perturbation). */
export function stepImage(image: Float32Array, direction: Float32Array, step: number): Float32Array {
  const out = new Float32Array(image.length);
  for (let i = 0; i < image.length; i += 1) out[i] = (image[i] as number) + step * (direction[i] as number);
  return out;
}

/**
 * FWI update: the direction is in squared slowness m = 1/v² (s²/km²), the iterate is velocity
 * (km/s). m + α·d is mapped back to velocity and clipped to the spec's bounds.
 */
export function stepVelocity(
  velocity: Float32Array,
  direction: Float32Array,
  step: number,
  bounds: { minKmS: number; maxKmS: number },
): Float32Array {
  const out = new Float32Array(velocity.length);
  const mMin = 1 / (bounds.maxKmS * bounds.maxKmS);
  for (let i = 0; i < velocity.length; i += 1) {
    const v = velocity[i] as number;
    const m = Math.max(1 / (v * v) + step * (direction[i] as number), mMin);
    out[i] = Math.min(bounds.maxKmS, Math.max(bounds.minKmS, 1 / Math.sqrt(m)));
  }
  return out;
}
