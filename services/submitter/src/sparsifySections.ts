import { type RunSpec, runKeys, type TaskFile } from '@seisless/core';
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
  if (settings === undefined || plan.step === undefined) {
    throw new Error(`sparsify plan of run ${plan.runId}: expected algorithm.sparsity and a step`);
  }
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
