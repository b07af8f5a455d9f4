import { type RunSpec, runKeys, type TaskFile, ValidationError } from '@seisless/core';
import type { JobPlan } from './jobPlan';

/**
 * The task file sections of sparse LS-RTM's sparsify job of iteration k (docs/contracts/jobs.md):
 * the direction and accepted step, z_{k−1} and the record carrying λ (from k = 2), and where
 * x_k, z_k and this iteration's record go.
 */
export function sparsifySections(
  spec: RunSpec,
  plan: JobPlan,
): Pick<TaskFile, 'inputs' | 'outputs' | 'sparsity'> {
  const keys = runKeys(plan.runId);
  const k = plan.iteration;
  const settings = spec.algorithm.kind === 'lsrtm' ? spec.algorithm.sparsity : undefined;
  // planJobs refuses both before a plan exists; a plan made another way is refused here.
  const subject = `sparsify plan of run ${plan.runId}`;
  if (settings === undefined) {
    throw new ValidationError(
      subject,
      'a spec without algorithm.sparsity',
      'an LS-RTM spec with algorithm.sparsity',
    );
  }
  if (plan.step === undefined)
    throw new ValidationError(subject, 'no step', 'the step the line search accepted');
  const previous = k > 1 ? { dual: keys.dual(k - 1), sparsity: keys.sparsityRecord(k - 1) } : {};
  return {
    inputs: { direction: keys.direction(k), ...previous },
    outputs: {
      model: keys.model(k),
      dual: keys.dual(k),
      sparsity: keys.sparsityRecord(k),
      timings: keys.taskTimings(k, 'sparsify'),
    },
    sparsity: { ...settings, step: plan.step },
  };
}
