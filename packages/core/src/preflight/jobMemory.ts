import type { RunSpec } from '../spec/runSpec';
import { shotWindowShape } from './apertureWindow';
import type { JobMemory } from './preflightReport';
import { gridPoints, receiverCount } from './specLimits';
import {
  keepsPhysicalHistory,
  preconditioningBytesPerPoint,
  storedWavefieldSamples,
  subsamplingFactor,
} from './storedWavefield';

const MIB = 1024 * 1024;

/**
 * Peak resident memory of the compute's jobs, fitted to `/usr/bin/time -v` of real 2D jobs
 * (layered model, space order 8, nbl 40, time-dispersion transforms on; grids 101 × 51 to
 * 601 × 301, 544 to 2382 time steps): a Python + numpy + Devito + boto3 process (`baseMiB`), bytes
 * per point of the padded grid (model coefficients, wavefield buffers, float64 temporaries), bytes
 * per record sample (nt × receivers: records, residuals and their time-dispersion transforms)
 * and, for gradients, the stored forward wavefield (nt × padded grid × 4 B) or the Revolve
 * checkpoints. Against the measured peaks (tests/unit/core/preflight/jobMemory.test.ts):
 * gradients −0.6 % to +0.5 % (195 to 2717 MiB), a checkpointed gradient −0.2 % (one point,
 * 301 × 151), observe jobs −3.6 % to +1.0 % (128 to 166 MiB); one 3D gradient (41³, nbl 10) +2.3 %
 * (its time axis is taken from the model's highest velocity, the job's from the smoothed
 * background's). The model and born-norm jobs were not measured (the model job is given the
 * observe job's base and the smoothing's float64 arrays). A gradient keeping every k-th step
 * (`compute.wavefieldSubsampling`) stores ⌈nt / k⌉ samples (storedWavefield.ts) and, measured,
 * about 310 B less per point than one keeping every step. Since December 7 its history holds the
 * physical region only (storedWavefieldPoints); refitted then to 4 jobs that compiled or captured
 * their operators (301 × 151 LS-RTM and 401 × 201 FWI, k = 3 and 4; the base 102 MiB): +0.4 %
 * to +5.4 % above their peaks (tests/unit/core/preflight/storedWavefield.test.ts).
 * The illumination of `preconditioning.illumination` adds one float32 grid.
 * TTI (`physics: 'tti'`, `TTI_FIT`) has two wavefields (p, r) and more parameter grids, and a job
 * that lowers its operators itself (a cache miss: every job of a run's first batch) holds the
 * symbolic TTI system too: fitted to the reports' `job_memory` of layered-tti LS-RTM runs on
 * December 7 (2D 201 × 101 and 401 × 201, every step and k = auto; 3D 41³ (nbl 10) and the
 * rtm-tti-3d example's 3D window): within −2.6 % … +2.0 % of the peaks of the jobs that
 * compiled (in sample: 10 peaks, 4 constants per kind and dimension; jobMemory.test.ts); jobs that
 * loaded cached operators stay below (the example's observe jobs 243 MiB against 307 estimated,
 * its gradients 1131 against 1112). The model job measured 64–72 MiB (2D, 3D 41³) and 119 MiB
 * (the example) against its estimates of 127–139: left high, on the safe side.
 */
const FIT = {
  baseMiB: 125,
  gradientBaseMiB: 126,
  forwardBytesPerPoint: 74,
  bornBytesPerPoint: 86,
  gradientBytesPerPoint: 429,
  checkpointedBytesPerPoint: 64,
  forwardBytesPerSample: 33,
  gradientBytesPerSample: 67,
  modelBytesPerPoint: 96,
  // Gradients keeping every k-th step (k > 1), fitted to 4 jobs (storedWavefield.test.ts).
  subsampledGradientBaseMiB: 102,
  subsampledGradientBytesPerPoint: 116,
} as const;

/**
 * TTI: bytes per padded point of observe/objective and born-norm jobs (two wavefields, the
 * axis and coefficient grids), gradients' per-point bytes and history as twice the acoustic ones,
 * and the memory of lowering the TTI operators in the job, MiB, by kind and dimension.
 */
const TTI_FIT = {
  forwardBytesPerPoint: 116,
  bornBytesPerPoint: 159,
  loweringMiB: {
    2: { forward: 27, born: 34, gradient: 40 },
    3: { forward: 58, born: 86, gradient: 110 },
  },
} as const;

/**
 * Points of the computational grid: the model (with `acquisition.apertureM`, the largest shot's
 * window, apertureWindow.ts), the absorbing layer and Devito's halo.
 */
export function paddedGridPoints(spec: RunSpec): number {
  const pad = 2 * spec.compute.nbl + spec.compute.spaceOrder;
  return gridPoints(shotWindowShape(spec).map((n) => n + pad));
}

/**
 * Revolve's checkpoints for `steps` time steps: pyrevolve picks about `0.6 log₂ steps` (5 for
 * 100, 7 for 2382, 9 for 20000); `log₂ steps` bounds it from above.
 */
function checkpointCount(steps: number): number {
  return Math.ceil(Math.log2(Math.max(steps, 2)));
}

/** Bytes per padded-grid point of a gradient job besides the stored wavefield. */
function gradientBytesPerPoint(spec: RunSpec, steps: number): number {
  return subsamplingFactor(spec, steps) > 1 ? FIT.subsampledGradientBytesPerPoint : FIT.gradientBytesPerPoint;
}

/** The base of a gradient job that stores its history (refitted for the physical region's). */
function gradientBaseMiB(spec: RunSpec, steps: number): number {
  return keepsPhysicalHistory(spec, steps) ? FIT.subsampledGradientBaseMiB : FIT.gradientBaseMiB;
}

/** The job kinds a run of this spec submits. */
function jobKinds(spec: RunSpec): JobMemory['kind'][] {
  const kinds: JobMemory['kind'][] = ['model'];
  if ('synthetic' in spec.observed) kinds.push('observe');
  kinds.push('gradient');
  if (spec.algorithm.kind === 'fwi') kinds.push('objective');
  if (spec.algorithm.kind === 'lsrtm' && spec.algorithm.step.rule === 'exact') kinds.push('born-norm');
  return kinds;
}

/**
 * The estimated peak memory of one job of every kind the run submits, MiB, for `steps`
 * computational time steps.
 *
 * @example
 * estimateJobMemory(spec, 2367) // [{ kind: 'model', mib: 141 }, …, { kind: 'gradient', mib: 2650 }]
 */
export function estimateJobMemory(spec: RunSpec, steps: number): JobMemory[] {
  const tti = spec.physics === 'tti';
  const grid = paddedGridPoints(spec);
  // TTI gradients: two wavefields and their history, counted as twice the grid points.
  const points = grid * (tti ? 2 : 1);
  const lowering = tti
    ? TTI_FIT.loweringMiB[spec.model.shape.length === 3 ? 3 : 2]
    : { forward: 0, born: 0, gradient: 0 };
  // The stored history: the physical region's points for a subsampled acoustic standard-imaging
  // gradient, else the computational grid's (twice, TTI).
  const history = keepsPhysicalHistory(spec, steps) ? gridPoints(shotWindowShape(spec)) : points;
  const samples = steps * receiverCount(spec);
  const forwardPerPoint = tti ? TTI_FIT.forwardBytesPerPoint : FIT.forwardBytesPerPoint;
  const bornPerPoint = tti ? TTI_FIT.bornBytesPerPoint : FIT.bornBytesPerPoint;
  const forward =
    FIT.baseMiB + lowering.forward + (forwardPerPoint * grid + FIT.forwardBytesPerSample * samples) / MIB;
  const born =
    FIT.baseMiB + lowering.born + (bornPerPoint * grid + FIT.forwardBytesPerSample * samples) / MIB;
  const gradient =
    lowering.gradient +
    (spec.compute.checkpointing
      ? FIT.gradientBaseMiB +
        (FIT.checkpointedBytesPerPoint * points +
          checkpointCount(steps) * 2 * 4 * points +
          FIT.gradientBytesPerSample * samples) /
          MIB
      : gradientBaseMiB(spec, steps) +
        ((gradientBytesPerPoint(spec, steps) + preconditioningBytesPerPoint(spec)) * points +
          4 * storedWavefieldSamples(spec, steps) * history +
          FIT.gradientBytesPerSample * samples) /
          MIB);
  const byKind: Record<JobMemory['kind'], number> = {
    model: FIT.baseMiB + (FIT.modelBytesPerPoint * gridPoints(spec.model.shape)) / MIB,
    observe: forward,
    gradient,
    objective: forward,
    'born-norm': born,
  };
  return jobKinds(spec).map((kind) => ({ kind, mib: byKind[kind] }));
}
