import { type RunSpec, runKeys } from '@seisless/core';

type AnisotropyName = 'epsilon' | 'delta' | 'theta' | 'phi';

/** The TTI parameters a run's model carries: ε, δ, θ and, in 3D, φ. */
export function anisotropyNames(spec: RunSpec): AnisotropyName[] {
  if (spec.physics !== 'tti') return [];
  return spec.model.shape.length === 3 ? ['epsilon', 'delta', 'theta', 'phi'] : ['epsilon', 'delta', 'theta'];
}

/** Whether the model job smooths the run's background (no `background.key` of the user's). */
export function smoothsOwnBackground(spec: RunSpec): boolean {
  return spec.background === undefined || 'smoothingM' in spec.background;
}

const backgroundOutput = {
  epsilon: 'backgroundEpsilon',
  delta: 'backgroundDelta',
  theta: 'backgroundTheta',
  phi: 'backgroundPhi',
} as const satisfies Record<AnisotropyName, string>;

/**
 * The run's true TTI parameter objects (`runs/<id>/inputs/<name>.npy`, written by the model job),
 * what synthetic data are modelled in; none for an acoustic run.
 *
 * @example
 * anisotropyKeys(ttiSpec, 'demo') // { epsilon: 'runs/demo/inputs/epsilon.npy', delta: …, theta: … }
 */
export function anisotropyKeys(spec: RunSpec, runId: string): Record<string, string> {
  const keys = runKeys(runId);
  return Object.fromEntries(anisotropyNames(spec).map((name) => [name, keys.input(name)]));
}

/**
 * The model job's outputs of the TTI parameters smoothed as the background velocity is
 * (`runs/<id>/inputs/background-<name>.npy`), when it smooths one; none otherwise.
 */
export function backgroundAnisotropyOutputs(spec: RunSpec, runId: string): Record<string, string> {
  if (!smoothsOwnBackground(spec)) return {};
  const keys = runKeys(runId);
  return Object.fromEntries(
    anisotropyNames(spec).map((name) => [backgroundOutput[name], keys.input(`background-${name}`)]),
  );
}

/**
 * The TTI parameters that go with the background velocity (migration, inversion, Born modelling),
 * as job inputs: the smoothed ones when the run smooths its own background — sharp ε, δ, θ
 * contrasts in a smooth velocity would scatter the background wavefields and print the model's
 * interfaces into the image — else the user's own (they chose the background velocity too).
 *
 * @example
 * backgroundAnisotropyKeys(ttiSpec, 'demo') // { epsilon: 'runs/demo/inputs/background-epsilon.npy', … }
 */
export function backgroundAnisotropyKeys(spec: RunSpec, runId: string): Record<string, string> {
  if (!smoothsOwnBackground(spec)) return anisotropyKeys(spec, runId);
  const keys = runKeys(runId);
  return Object.fromEntries(anisotropyNames(spec).map((name) => [name, keys.input(`background-${name}`)]));
}
