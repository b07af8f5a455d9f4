import type { RunSpec } from '../spec/runSpec';
import { geometryIssues } from './acquisitionGeometry';
import { checkAnisotropyObjects } from './anisotropyObjects';
import { estimateJobMemory, paddedGridPoints } from './jobMemory';
import { checkModelObjects } from './modelObjects';
import type { ObjectBytes } from './objectBytes';
import { pointsPerWavelengthIssues } from './pointsPerWavelength';
import type { JobMemory, PreflightReport } from './preflightReport';
import { presetEpsilonMax, presetVelocities, type VelocityRange } from './presetVelocities';
import { countLimitIssues, SPEC_LIMITS } from './specLimits';
import { estimatedTimeSteps } from './stabilityLimit';
import { timeAxisIssues } from './timeAxisChecks';

/**
 * Every check that can be made before a run is submitted: geometry inside the grid, the time
 * axis, points per wavelength, memory per job against `compute.memoryMiB`, limits against typos,
 * and (with `objects`) the velocity objects the spec names. All problems are listed.
 * Without `objects`, or when a named object cannot be read, the model's velocities are unknown
 * and the checks that need them (points per wavelength, memory) are skipped with a warning.
 *
 * @example
 * const report = await preflightRunSpec(spec, fileObjectBytes((key) => join(dir, key)));
 * assertPreflightPassed(report, 'spec.json');
 */
export async function preflightRunSpec(spec: RunSpec, objects?: ObjectBytes): Promise<PreflightReport> {
  const fromObjects = objects === undefined ? undefined : await checkModelObjects(spec, objects);
  const anisotropy = objects === undefined ? undefined : await checkAnisotropyObjects(spec, objects);
  const velocities = 'preset' in spec.model ? presetVelocities(spec.model) : fromObjects?.velocities;
  const report = preflightSpec(spec, velocities, anisotropy?.epsilonMax);
  return {
    ...report,
    errors: [...report.errors, ...(fromObjects?.errors ?? []), ...(anisotropy?.errors ?? [])],
  };
}

/**
 * The largest ε a TTI run's time step must allow for (its fastest wave travels at vp √(1 + 2ε)):
 * the preset's, a number given in `model.anisotropy`, or `sampled` from its object; 0 acoustic.
 */
function epsilonMax(spec: RunSpec, sampled: number | undefined): number {
  if (spec.physics !== 'tti') return 0;
  if ('preset' in spec.model) return presetEpsilonMax(spec.model);
  const given = spec.model.anisotropy?.epsilon;
  return Math.max(typeof given === 'number' ? given : (sampled ?? 0), 0);
}

/**
 * The checks that need only the spec and the model's velocity range (when known); for TTI from
 * objects, `sampledEpsilonMax` is the largest ε sampled (absent: 0 assumed).
 */
export function preflightSpec(
  spec: RunSpec,
  velocities: VelocityRange | undefined,
  sampledEpsilonMax?: number,
): PreflightReport {
  const errors = [...countLimitIssues(spec), ...geometryIssues(spec)];
  const warnings: string[] = [];
  const fwiMax = spec.algorithm.kind === 'fwi' ? spec.algorithm.bounds.maxKmS : undefined;
  // FWI fixes every job's time axis with bounds.maxKmS (the task files' vpMaxKmS).
  const vpMax = fwiMax ?? velocities?.maxKmS;
  const vmax =
    vpMax === undefined ? undefined : vpMax * Math.sqrt(1 + 2 * epsilonMax(spec, sampledEpsilonMax));
  const steps =
    vmax === undefined
      ? undefined
      : estimatedTimeSteps(
          spec.model.spacing,
          spec.compute.spaceOrder,
          vmax,
          spec.acquisition.recordingTimeMs,
        );
  const time = timeAxisIssues(spec, steps ?? 0);
  errors.push(...time.errors);
  warnings.push(...time.warnings);
  if (velocities === undefined || steps === undefined) {
    warnings.push(
      `${'key' in spec.model ? 'model.key' : 'model'}: velocities not read; points per wavelength and memory per job not checked`,
    );
    return { errors, warnings, memory: [] };
  }
  if (fwiMax !== undefined && velocities.maxKmS > fwiMax) {
    errors.push(
      `algorithm.bounds.maxKmS: ${fwiMax} km/s is below the model's highest velocity ${velocities.maxKmS} km/s; expected at least ${velocities.maxKmS} (it fixes every job's time step)`,
    );
  }
  const where =
    'preset' in spec.model ? `(the ${spec.model.preset} preset's lowest)` : '(model.key, lowest sampled)';
  const ppw = pointsPerWavelengthIssues(spec, velocities.minKmS, where);
  errors.push(...ppw.errors);
  warnings.push(...ppw.warnings);
  const memory = estimateJobMemory(spec, steps);
  errors.push(...memoryIssues(spec, memory, steps));
  return { errors, warnings, memory };
}

function memoryIssues(spec: RunSpec, memory: readonly JobMemory[], steps: number): string[] {
  const largest = memory.reduce((a, b) => (b.mib > a.mib ? b : a));
  const need = Math.ceil(largest.mib);
  const listed = memory.map((job) => `${job.kind} ${Math.ceil(job.mib).toLocaleString('en-US')}`).join(', ');
  const grid = `${paddedGridPoints(spec).toExponential(3)} padded grid points × ${steps} time steps`;
  if (largest.mib > SPEC_LIMITS.jobMemoryMiB) {
    return [
      `compute: a ${largest.kind} job would need about ${largest.mib.toExponential(2)} MiB (${grid}); expected at most ${SPEC_LIMITS.jobMemoryMiB.toLocaleString('en-US')} MiB (4 TiB, the largest machine AWS Batch places jobs on): check model.shape, model.spacing and acquisition.recordingTimeMs`,
    ];
  }
  if (largest.mib <= spec.compute.memoryMiB) return [];
  const hint =
    largest.kind === 'gradient' && !spec.compute.checkpointing
      ? ', or set compute.checkpointing: true (recomputes the forward wavefield instead of storing it)'
      : '';
  return [
    `compute.memoryMiB: ${spec.compute.memoryMiB}; expected at least ${need.toLocaleString('en-US')}, the estimated peak of a ${largest.kind} job (MiB per job: ${listed}; ${grid}): raise compute.memoryMiB${hint}`,
  ];
}
