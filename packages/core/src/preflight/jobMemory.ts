import type { RunSpec } from '../spec/runSpec';
import type { JobMemory } from './preflightReport';
import { gridPoints, receiverCount } from './specLimits';

const MIB = 1024 * 1024;

/**
 * Peak resident memory of the compute's jobs, fitted to `/usr/bin/time -v` of real 2D jobs
 * (layered model, space order 8, nbl 40; grids 101 × 51 to 601 × 301, 544 to 2382 time steps):
 * a Python + numpy + Devito + boto3 process (`baseMiB`), bytes per point of the padded grid
 * (model coefficients, wavefield buffers, float64 temporaries), bytes per record sample
 * (nt × receivers) and, for gradients, the stored forward wavefield (nt × padded grid × 4 B) or
 * the Revolve checkpoints. Against the measured peaks (tests/unit/core/preflight/jobMemory.test.ts):
 * gradients −0.6 % to +0.6 % (191 to 2673 MiB), a checkpointed gradient +1.4 % (one point,
 * 301 × 151), observe jobs −4.4 % to +1.2 % (125 to 142 MiB). The model job was not measured: it
 * is given the observe job's base and the smoothing's float64 arrays. 3D jobs were not measured.
 */
const FIT = {
  baseMiB: 121,
  gradientBaseMiB: 126,
  forwardBytesPerPoint: 64,
  bornBytesPerPoint: 76,
  gradientBytesPerPoint: 372,
  checkpointedBytesPerPoint: 96,
  forwardBytesPerSample: 8,
  gradientBytesPerSample: 24,
  modelBytesPerPoint: 96,
} as const;

/** Points of the computational grid: the model, the absorbing layer and Devito's halo. */
export function paddedGridPoints(spec: RunSpec): number {
  const pad = 2 * spec.compute.nbl + spec.compute.spaceOrder;
  return gridPoints(spec.model.shape.map((n) => n + pad));
}

/**
 * Revolve's checkpoints for `steps` time steps: pyrevolve picks about `0.6 log₂ steps` (5 for
 * 100, 7 for 2382, 9 for 20000); `log₂ steps` bounds it from above.
 */
function checkpointCount(steps: number): number {
  return Math.ceil(Math.log2(Math.max(steps, 2)));
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
  const points = paddedGridPoints(spec);
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
      (FIT.gradientBytesPerPoint * points + 4 * steps * points + FIT.gradientBytesPerSample * samples) / MIB;
  const byKind: Record<JobMemory['kind'], number> = {
    model: FIT.baseMiB + (FIT.modelBytesPerPoint * gridPoints(spec.model.shape)) / MIB,
    observe: forward,
    gradient,
    objective: forward,
    'born-norm': forward + ((FIT.bornBytesPerPoint - FIT.forwardBytesPerPoint) * points) / MIB,
  };
  return jobKinds(spec).map((kind) => ({ kind, mib: byKind[kind] }));
}
