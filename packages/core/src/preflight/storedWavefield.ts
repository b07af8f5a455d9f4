import type { RunSpec } from '../spec/runSpec';

/**
 * Half the sampling rate the automatic subsampling keeps, as a multiple of the peak frequency
 * (docker/seisless_compute/solvers/subsampling.py: a rate of 12 × the peak frequency).
 */
const HIGHEST_FREQUENCY_RATIO = 6;

/**
 * The factor k of `compute.wavefieldSubsampling` on a time axis of `steps` samples over the
 * recording time (`'auto'`: the largest k sampling at 12 × the peak frequency, as the compute does).
 *
 * @example
 * subsamplingFactor(spec, 3001) // 1 by default; 11 for 'auto' at 15 Hz and dt = 0.5 ms
 */
export function subsamplingFactor(spec: RunSpec, steps: number): number {
  const setting = spec.compute.wavefieldSubsampling;
  if (setting !== 'auto') return setting;
  const dtMs = spec.acquisition.recordingTimeMs / Math.max(steps - 1, 1);
  const intervalMs = 1000 / (2 * HIGHEST_FREQUENCY_RATIO * spec.acquisition.peakFrequencyHz);
  return Math.max(1, Math.floor(intervalMs / dtMs + 1e-9));
}

/**
 * Time samples of the forward wavefield a gradient job keeps in memory: every step, or with
 * subsampling k, ⌈steps / k⌉ (`subsampled_saves` in docker/seisless_compute/operators/fields.py).
 */
export function storedWavefieldSamples(spec: RunSpec, steps: number): number {
  return Math.ceil(steps / subsamplingFactor(spec, steps));
}

/** Bytes per padded-grid point of the arrays preconditioning adds (the illumination, float32). */
export function preconditioningBytesPerPoint(spec: RunSpec): number {
  return spec.preconditioning?.illumination ? 4 : 0;
}

/**
 * Whether a gradient job's stored forward wavefield holds the physical region only: a subsampled
 * acoustic history of the standard imaging condition (`PhysicalRegion` in
 * docker/seisless_compute/operators/fields.py), without the absorbing layer or halo.
 */
export function keepsPhysicalHistory(spec: RunSpec, steps: number): boolean {
  return (
    spec.physics !== 'tti' && spec.compute.imagingCondition !== 'isic' && subsamplingFactor(spec, steps) > 1
  );
}
