import type { RunSpec } from '../spec/runSpec';

/**
 * A Ricker wavelet's highest significant frequency, as a multiple of its peak frequency: at 2.5 ×
 * the amplitude spectrum `(f/fp)² exp(1 − (f/fp)²)` is 3 % of its peak (−30 dB).
 */
export const RICKER_HIGHEST_FREQUENCY_FACTOR = 2.5;

/** The Ricker source's highest significant frequency, Hz. */
export function highestFrequencyHz(peakFrequencyHz: number): number {
  return RICKER_HIGHEST_FREQUENCY_FACTOR * peakFrequencyHz;
}

/**
 * Points per shortest wavelength per space order: below `floor` the stencil's phase velocity at the
 * highest frequency is more than 5 % wrong (refused), below `recommended` more than 1 % (a
 * warning). Both from the 1D dispersion relation of the centred second-derivative stencil,
 * `√(Σ −w_k cos(k kh)) / kh − 1` at `kh = 2π / points`, rounded up to 0.1.
 */
export const POINTS_PER_WAVELENGTH: Readonly<Record<number, { floor: number; recommended: number }>> = {
  2: { floor: 5.7, recommended: 12.9 },
  4: { floor: 3.4, recommended: 5.3 },
  6: { floor: 2.9, recommended: 4.0 },
  8: { floor: 2.7, recommended: 3.5 },
  10: { floor: 2.5, recommended: 3.2 },
  12: { floor: 2.4, recommended: 3.0 },
  14: { floor: 2.4, recommended: 2.9 },
  16: { floor: 2.3, recommended: 2.8 },
};

/**
 * Grid points per shortest wavelength, `vmin / (2.5 f_peak) / max spacing`, against the space
 * order's floor (refused) and recommended value (warning). `where` names the velocity's origin.
 */
export function pointsPerWavelengthIssues(
  spec: RunSpec,
  minVelocityKmS: number,
  where: string,
): { errors: string[]; warnings: string[] } {
  const fmax = highestFrequencyHz(spec.acquisition.peakFrequencyHz);
  const spacing = Math.max(...spec.model.spacing);
  const points = (minVelocityKmS * 1000) / fmax / spacing;
  const order = spec.compute.spaceOrder;
  const limits = POINTS_PER_WAVELENGTH[order] ?? { floor: 2.3, recommended: 2.8 };
  const found = `${points.toFixed(2)} grid points per shortest wavelength (${minVelocityKmS} km/s ${where} / ${fmax} Hz, 2.5 × the peak frequency / ${spacing} m spacing)`;
  const expected = `at least ${limits.floor} for space order ${order} (recommended ${limits.recommended})`;
  if (points < limits.floor) {
    return {
      errors: [
        `acquisition.peakFrequencyHz: ${spec.acquisition.peakFrequencyHz} Hz gives ${found}; expected ${expected}: lower the frequency, refine model.spacing or raise compute.spaceOrder`,
      ],
      warnings: [],
    };
  }
  if (points < limits.recommended) {
    return {
      errors: [],
      warnings: [
        `acquisition.peakFrequencyHz: ${spec.acquisition.peakFrequencyHz} Hz gives ${found}; recommended ${limits.recommended} for space order ${order} (numerical dispersion above 1 %)`,
      ],
    };
  }
  return { errors: [], warnings: [] };
}
