import type { RunSpec } from '../spec/runSpec';
import { shotWindowShape } from './apertureWindow';
import type { JobMemory } from './preflightReport';
import { gridPoints, receiverCount } from './specLimits';
import { preconditioningBytesPerPoint, storedWavefieldSamples, subsamplingFactor } from './storedWavefield';

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
 * about 310 B less per point than one keeping every step: 4 jobs (301 × 151 LS-RTM and 401 × 201
 * FWI, k = 3 and 4) within −0.3 % to +0.4 % (tests/unit/core/preflight/storedWavefield.test.ts).
 * The illumination of `preconditioning.illumination` adds one float32 grid.
 * TTI (`physics: 'tti'`) has two wavefields (p, r) and four more parameter grids: its per-point
 * bytes and its stored history are taken as twice the acoustic ones (not yet measured).
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
  subsampledGradientBytesPerPoint: 116,
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
  // TTI: two wavefields and their history, counted as twice the grid points (see FIT).
  const points = paddedGridPoints(spec) * (spec.physics === 'tti' ? 2 : 1);
  const samples = steps * receiverCount(spec);
  const forward =
    FIT.baseMiB + (FIT.forwardBytesPerPoint * points + FIT.forwardBytesPerSample * samples) / MIB;
  const gradient = spec.compute.checkpointing
    ? FIT.gradientBaseMiB +
      (FIT.checkpointedBytesPerPoint * points +
        checkpointCount(steps) * 2 * 4 * points +
        FIT.gradientBytesPerSample * samples) /
        MIB
    : FIT.gradientBaseMiB +
      ((gradientBytesPerPoint(spec, steps) + preconditioningBytesPerPoint(spec)) * points +
        4 * storedWavefieldSamples(spec, steps) * points +
        FIT.gradientBytesPerSample * samples) /
        MIB;
  const byKind: Record<JobMemory['kind'], number> = {
    model: FIT.baseMiB + (FIT.modelBytesPerPoint * gridPoints(spec.model.shape)) / MIB,
    observe: forward,
    gradient,
    objective: forward,
    'born-norm': forward + ((FIT.bornBytesPerPoint - FIT.forwardBytesPerPoint) * points) / MIB,
  };
  return jobKinds(spec).map((kind) => ({ kind, mib: byKind[kind] }));
}
