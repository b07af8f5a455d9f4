import { backgroundKey, type RunSpec, runKeys, startingIterateKey, type TaskFile } from '@seisless/core';
import {
  anisotropyKeys,
  backgroundAnisotropyKeys,
  backgroundAnisotropyOutputs,
  smoothsOwnBackground,
} from './anisotropyKeys';
import { observeModelling, preprocessingSection, reflectionInputs } from './dataSections';
import { observedDataTemplate } from './inputKeys';
import type { JobPlan } from './jobPlan';
import { sparsifySections } from './sparsifySections';

/** The parts of a task file that depend on the kind of job. */
export type KindSections = Pick<
  TaskFile,
  | 'inputs'
  | 'outputs'
  | 'model'
  | 'reduction'
  | 'sparsity'
  | 'preconditioning'
  | 'preprocessing'
  | 'observed'
  | 'trial'
>;

/** The name of a job's task file and timings: the kind, plus the trial index for trials. */
export function taskName(plan: JobPlan): string {
  return plan.trial === undefined ? plan.kind : `${plan.kind}-${plan.trial.index}`;
}

/** Inputs, outputs and kind-specific sections of a task file (docs/contracts/jobs.md). */
export function kindSections(spec: RunSpec, plan: JobPlan): KindSections {
  switch (plan.kind) {
    case 'model':
      return modelSections(spec, plan);
    case 'observe':
      return observeSections(spec, plan);
    case 'gradient':
      return gradientSections(spec, plan);
    case 'objective':
      return objectiveSections(spec, plan);
    case 'born-norm':
      return bornNormSections(spec, plan);
    case 'sparsify':
      return sparsifySections(spec, plan);
  }
}

function modelSections(spec: RunSpec, plan: JobPlan): KindSections {
  const keys = runKeys(plan.runId);
  const ownBackground = smoothsOwnBackground(spec);
  const smoothingM =
    spec.background !== undefined && 'smoothingM' in spec.background ? spec.background.smoothingM : undefined;
  const source =
    'preset' in spec.model
      ? { preset: spec.model.preset }
      : {
          key: spec.model.key,
          ...(spec.physics === 'tti' && spec.model.anisotropy ? { anisotropy: spec.model.anisotropy } : {}),
        };
  return {
    model: {
      ...source,
      shape: spec.model.shape,
      spacing: spec.model.spacing,
      ...(smoothingM ? { smoothingM } : {}),
    },
    outputs: {
      model: keys.input('model'),
      ...(ownBackground ? { background: keys.input('background') } : {}),
      ...anisotropyKeys(spec, plan.runId),
      ...backgroundAnisotropyOutputs(spec, plan.runId),
      timings: keys.taskTimings(plan.iteration, 'model'),
    },
  };
}

function observeSections(spec: RunSpec, plan: JobPlan): KindSections {
  const keys = runKeys(plan.runId);
  const { background, ...modelling } = observeModelling(spec, plan.runId);
  return {
    ...modelling,
    inputs: {
      velocity: keys.input('model'),
      ...(background ? { background } : {}),
      // Born modelling is about the background, so with its parameters; full modelling the true ones.
      ...(background ? backgroundAnisotropyKeys(spec, plan.runId) : anisotropyKeys(spec, plan.runId)),
    },
    outputs: { data: keys.shotDataTemplate, timings: keys.timingsTemplate(plan.iteration, 'observe') },
  };
}

/** Velocity (and LS-RTM image) at which iteration k's jobs evaluate. */
function iterateInputs(
  spec: RunSpec,
  plan: JobPlan,
): { velocity: string; image?: string; data: string; backgroundData?: string } {
  const start = startingIterateKey(spec, plan.runId, plan.iteration);
  const data = observedDataTemplate(spec, plan.runId);
  // TTI: ε, δ, θ (φ) smoothed with the background go with every velocity a job models (FWI's
  // too: it inverts for vp alone, from the smooth background).
  const anisotropy = backgroundAnisotropyKeys(spec, plan.runId);
  const reflections = { ...reflectionInputs(spec, plan.runId), ...anisotropy };
  if (spec.algorithm.kind === 'fwi') {
    return { velocity: start ?? backgroundKey(spec, plan.runId), data, ...anisotropy };
  }
  const velocity = backgroundKey(spec, plan.runId);
  return start === undefined || spec.algorithm.kind === 'rtm'
    ? { velocity, data, ...reflections }
    : { velocity, image: start, data, ...reflections };
}

function gradientSections(spec: RunSpec, plan: JobPlan): KindSections {
  const keys = runKeys(plan.runId);
  return {
    inputs: iterateInputs(spec, plan),
    outputs: {
      gradient: keys.gradientTemplate(plan.iteration),
      timings: keys.timingsTemplate(plan.iteration, 'gradient'),
    },
    reduction: { chunkSize: spec.reduction.chunkSize, batchSize: plan.shots.length },
    // Applied by the job to its shot's gradient (docker/seisless_compute/processing/precondition.py).
    ...(spec.preconditioning ? { preconditioning: spec.preconditioning } : {}),
    ...preprocessingSection(spec),
  };
}

function objectiveSections(spec: RunSpec, plan: JobPlan): KindSections {
  const keys = runKeys(plan.runId);
  const index = plan.trial?.index ?? 0;
  const bounds = spec.algorithm.kind === 'fwi' ? spec.algorithm.bounds : undefined;
  return {
    inputs: iterateInputs(spec, plan),
    ...preprocessingSection(spec),
    // bounds: the compute task clips the trial velocity to the run's bounds, as the iterator's update does.
    trial: {
      step: plan.trial?.step ?? 0,
      direction: keys.direction(plan.iteration),
      ...(bounds ? { bounds: [bounds.minKmS, bounds.maxKmS] } : {}),
    },
    outputs: {
      scalar: keys.lineSearchScalarTemplate(plan.iteration, index),
      timings: keys.timingsTemplate(plan.iteration, taskName(plan)),
    },
  };
}

function bornNormSections(spec: RunSpec, plan: JobPlan): KindSections {
  const keys = runKeys(plan.runId);
  return {
    inputs: {
      velocity: backgroundKey(spec, plan.runId),
      direction: keys.direction(plan.iteration),
      ...backgroundAnisotropyKeys(spec, plan.runId),
    },
    ...preprocessingSection(spec),
    outputs: {
      scalar: keys.lineSearchScalarTemplate(plan.iteration, plan.trial?.index ?? 0),
      timings: keys.timingsTemplate(plan.iteration, taskName(plan)),
    },
  };
}
