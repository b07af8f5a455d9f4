import type { RunSpec } from '../spec/runSpec';
import { highestFrequencyHz } from './pointsPerWavelength';
import { SPEC_LIMITS } from './specLimits';

/**
 * Recording time and sampling against the number of samples, and the sampling against the
 * source's frequencies: what the spec declares. The spec does not fix the computational time step
 * (the compute derives it from the model, docker/seisless_compute/solvers/timeaxis.py), so its
 * stability is not a property of the spec; only the number of steps is bounded (`steps`).
 */
export function timeAxisIssues(spec: RunSpec, steps: number): { errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  const { recordingTimeMs, samplingMs, peakFrequencyHz } = spec.acquisition;
  if (steps > SPEC_LIMITS.timeSteps) {
    errors.push(
      `acquisition.recordingTimeMs: ${recordingTimeMs} ms is about ${steps.toExponential(2)} time steps on this grid; expected at most ${SPEC_LIMITS.timeSteps.toExponential(0)} (a typo?)`,
    );
  }
  if (samplingMs === undefined) return { errors, warnings };
  if (samplingMs >= recordingTimeMs) {
    errors.push(
      `acquisition.samplingMs: ${samplingMs} ms; expected less than acquisition.recordingTimeMs (${recordingTimeMs} ms), so that a trace has at least two samples`,
    );
  }
  const samples = Math.floor(recordingTimeMs / samplingMs + 1e-9) + 1;
  if (samples > SPEC_LIMITS.recordSamples) {
    errors.push(
      `acquisition.samplingMs: ${samplingMs} ms over ${recordingTimeMs} ms is ${samples.toExponential(2)} samples per trace; expected at most ${SPEC_LIMITS.recordSamples.toExponential(0)}`,
    );
  }
  const peakNyquistMs = 1000 / (2 * peakFrequencyHz);
  const fmax = highestFrequencyHz(peakFrequencyHz);
  const nyquistMs = 1000 / (2 * fmax);
  if (samplingMs > peakNyquistMs) {
    errors.push(
      `acquisition.samplingMs: ${samplingMs} ms aliases the ${peakFrequencyHz} Hz peak frequency; expected at most ${round(peakNyquistMs)} ms (recommended ${round(nyquistMs)} ms, the Nyquist interval of ${fmax} Hz)`,
    );
  } else if (samplingMs > nyquistMs) {
    warnings.push(
      `acquisition.samplingMs: ${samplingMs} ms cuts the source's spectrum above ${round(1000 / (2 * samplingMs))} Hz; recommended at most ${round(nyquistMs)} ms (the Nyquist interval of ${fmax} Hz, 2.5 × the peak frequency)`,
    );
  }
  return { errors, warnings };
}

function round(value: number): number {
  return Math.floor(value * 1000) / 1000;
}
