/** The TTI parameters of a model. */
export type AnisotropyName = 'epsilon' | 'delta' | 'theta' | 'phi';

/**
 * Accepted values of each TTI parameter, as the compute checks them
 * (docker/seisless_compute/io/anisotropy.py `RANGES`): Thomsen's ε and δ are dimensionless
 * (a percentage is out of range), θ is the symmetry axis' tilt from vertical and φ its azimuth
 * from x, both in degrees. Pseudo-acoustic TTI also needs ε ≥ δ at every point (else unstable).
 */
export const ANISOTROPY_RANGES: Readonly<
  Record<AnisotropyName, { readonly low: number; readonly high: number; readonly units: string }>
> = {
  epsilon: { low: -0.25, high: 1, units: 'dimensionless (not %)' },
  delta: { low: -0.25, high: 1, units: 'dimensionless (not %)' },
  theta: { low: -90, high: 90, units: 'degrees' },
  phi: { low: -180, high: 180, units: 'degrees' },
};

/**
 * `epsilon: 5; expected dimensionless (not %) between -0.4 and 1`, or undefined when `value` is
 * within the range of parameter `name`.
 */
export function anisotropyRangeIssue(name: AnisotropyName, low: number, high: number): string | undefined {
  const range = ANISOTROPY_RANGES[name];
  if (low >= range.low && high <= range.high) return undefined;
  const hint =
    (name === 'epsilon' || name === 'delta') && high > range.high && high <= 100
      ? ' (a percentage? divide by 100)'
      : name === 'theta' && high > 90 && high <= 180
        ? ' (θ is the tilt from vertical, within ±90°)'
        : '';
  return `expected ${range.units} values between ${range.low} and ${range.high}${hint}`;
}
