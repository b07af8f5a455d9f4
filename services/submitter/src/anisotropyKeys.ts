import { type RunSpec, runKeys } from '@seisless/core';

/** The TTI parameters a run's model carries: ε, δ, θ and, in 3D, φ. */
export function anisotropyNames(spec: RunSpec): ('epsilon' | 'delta' | 'theta' | 'phi')[] {
  if (spec.physics !== 'tti') return [];
  return spec.model.shape.length === 3 ? ['epsilon', 'delta', 'theta', 'phi'] : ['epsilon', 'delta', 'theta'];
}

/**
 * The run's TTI parameter objects (`runs/<id>/inputs/<name>.npy`, written by the model job and
 * read by every per-shot job); none for an acoustic run.
 *
 * @example
 * anisotropyKeys(ttiSpec, 'demo') // { epsilon: 'runs/demo/inputs/epsilon.npy', delta: …, theta: … }
 */
export function anisotropyKeys(spec: RunSpec, runId: string): Record<string, string> {
  const keys = runKeys(runId);
  return Object.fromEntries(anisotropyNames(spec).map((name) => [name, keys.input(name)]));
}
