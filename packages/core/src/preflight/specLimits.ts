import { pointCount } from '../spec/acquisitionPoints';
import type { RunSpec } from '../spec/runSpec';
import { shotCount } from '../spec/validateRunSpec';

/**
 * Limits that keep a typo from asking for exabytes: a spec beyond them is refused with one line
 * before anything is computed. They are far above what any job here or on AWS Batch can run.
 */
export const SPEC_LIMITS = {
  /** Grid points of the model: 2³² float32 values are 16 GiB, one array. */
  gridPoints: 2 ** 32,
  /** Samples of a recorded trace (recording time / sampling). */
  recordSamples: 1_000_000,
  /** Computational time steps of one shot. */
  timeSteps: 10_000_000,
  /** Shots (sources) of a run. */
  shots: 1_000_000,
  /** Receivers of a shot. */
  receivers: 1_000_000,
  /**
   * Memory of one job, MiB: 4 TiB, the largest instance type AWS Batch places jobs on
   * (x2iedn.32xlarge, 4096 GiB).
   */
  jobMemoryMiB: 4 * 1024 * 1024,
} as const;

/** Number of receivers the acquisition defines. */
export function receiverCount(spec: RunSpec): number {
  return pointCount(spec.acquisition.receivers);
}

/** Grid points of the model (a float; a typo's 10¹⁸ is exact enough to refuse). */
export function gridPoints(shape: readonly number[]): number {
  return shape.reduce((product, n) => product * n, 1);
}

/** One line per count beyond its limit: grid points, shots, receivers. */
export function countLimitIssues(spec: RunSpec): string[] {
  const issues: string[] = [];
  const points = gridPoints(spec.model.shape);
  if (points > SPEC_LIMITS.gridPoints) {
    issues.push(
      `model.shape: ${JSON.stringify(spec.model.shape)} is ${points.toExponential(2)} grid points; expected at most ${SPEC_LIMITS.gridPoints.toExponential(2)} (a typo?)`,
    );
  }
  const shots = shotCount(spec);
  if (shots > SPEC_LIMITS.shots) {
    issues.push(
      `acquisition.sources: ${shots} shots; expected at most ${SPEC_LIMITS.shots.toLocaleString('en-US')}`,
    );
  }
  const receivers = receiverCount(spec);
  if (receivers > SPEC_LIMITS.receivers) {
    issues.push(
      `acquisition.receivers: ${receivers} receivers; expected at most ${SPEC_LIMITS.receivers.toLocaleString('en-US')}`,
    );
  }
  return issues;
}
