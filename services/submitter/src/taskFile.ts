import { expandPoints, gradientCoverage, type RunSpec, receiverPoints, type TaskFile } from '@seisless/core';
import { perShotGeometry } from './acquisitionPoints';
import type { JobPlan } from './jobPlan';
import { kindSections } from './taskSections';

/**
 * Builds the task file of a job plan (`taskFileSchema` of @seisless/core, docs/contracts/jobs.md): grid from the spec's model
 * (origin 0), every shot's source position (indexed by shot id), shared receivers, physics from
 * the spec's `physics` and compute section, then the kind's inputs and outputs.
 *
 * @example
 * const task = buildTaskFile(spec, { runId: 'demo', iteration: 3, kind: 'gradient', shots: [4, 9] });
 */
export function buildTaskFile(spec: RunSpec, plan: JobPlan): TaskFile {
  return withCoverage(taskFileOf(spec, plan));
}

/**
 * A gradient's task file with each shot's chunks (`reduction.shotChunks`): with apertures, a
 * shot sends and the reducer expects only the chunks its window touches.
 */
function withCoverage(task: TaskFile): TaskFile {
  if (task.reduction === undefined) return task;
  const coverage = gradientCoverage(task, task.shots, task.reduction.chunkSize);
  return coverage === undefined
    ? task
    : { ...task, reduction: { ...task.reduction, shotChunks: coverage.map(([a, b]) => [a, b]) } };
}

function taskFileOf(spec: RunSpec, plan: JobPlan): TaskFile {
  const { shape, spacing } = spec.model;
  const acquisition = spec.acquisition;
  return {
    version: 1,
    runId: plan.runId,
    iteration: plan.iteration,
    task: plan.kind,
    algorithm: spec.algorithm.kind,
    shots: [...plan.shots],
    grid: { shape, spacing, origin: shape.map(() => 0) },
    acquisition: {
      sources: expandPoints(acquisition.sources, spec.model),
      receivers: expandPoints(receiverPoints(acquisition, spec.model), spec.model),
      recordingTimeMs: acquisition.recordingTimeMs,
      peakFrequencyHz: acquisition.peakFrequencyHz,
      ...(acquisition.samplingMs === undefined ? {} : { samplingMs: acquisition.samplingMs }),
      ...perShotGeometry(acquisition),
    },
    physics: {
      ...(spec.physics === 'tti' ? { kind: 'tti' as const } : {}),
      spaceOrder: spec.compute.spaceOrder,
      nbl: spec.compute.nbl,
      imagingCondition: spec.compute.imagingCondition,
      checkpointing: spec.compute.checkpointing,
      // FWI: one time axis for every job of the run, so trial objectives compare like with like.
      ...(spec.algorithm.kind === 'fwi' ? { vpMaxKmS: spec.algorithm.bounds.maxKmS } : {}),
      ...(spec.compute.wavefieldSubsampling === 1
        ? {}
        : { wavefieldSubsampling: spec.compute.wavefieldSubsampling }),
    },
    ...kindSections(spec, plan),
  };
}
