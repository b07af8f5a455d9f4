/**
 * |Σ w_k (−1)^k| of the centred second-derivative weights per space order: the stencil's symbol
 * at the Nyquist wavenumber (unit spacing), as `_nyquist_symbol` computes it in
 * docker/seisless_compute/operators/stencil.py.
 */
const NYQUIST_SYMBOL: Readonly<Record<number, number>> = {
  2: 4.0,
  4: 5.333333,
  6: 6.044444,
  8: 6.501587,
  10: 6.826667,
  12: 7.072939,
  14: 7.267792,
  16: 7.426921,
};

/**
 * The leapfrog scheme's von Neumann stability limit, ms: `2 / (vmax √(S Σ h⁻²))` with spacing in
 * m and vmax in km/s (= m/ms). A property of the spatial stencil, not of the time-stepping rule.
 *
 * @example
 * stabilityLimitMs([10, 10], 8, 3.5) // 1.585
 */
export function stabilityLimitMs(spacing: readonly number[], spaceOrder: number, vmaxKmS: number): number {
  const symbol = NYQUIST_SYMBOL[spaceOrder] ?? NYQUIST_SYMBOL[16] ?? 7.43;
  const sum = spacing.reduce((total, h) => total + 1 / (h * h), 0);
  return 2 / (vmaxKmS * Math.sqrt(symbol * sum));
}

/**
 * The fraction of the stability limit the compute's time step is assumed to be, for the memory
 * estimate only (the stored forward wavefield grows with the number of steps). It is the
 * compute's rule at the time of writing (CFL_SAFETY in solvers/timeaxis.py); a rule that takes
 * smaller steps makes the estimate of a gradient job low by the same factor.
 */
export const ASSUMED_STEP_FRACTION = 0.8;

/** Computational time samples a job is estimated to step through (`ceil(T / dt) + 1`). */
export function estimatedTimeSteps(
  spacing: readonly number[],
  spaceOrder: number,
  vmaxKmS: number,
  recordingTimeMs: number,
): number {
  const dt = stabilityLimitMs(spacing, spaceOrder, vmaxKmS) * ASSUMED_STEP_FRACTION;
  return Math.ceil(recordingTimeMs / dt) + 1;
}
