import { backgroundKey, type RunSpec, runKeys, type TaskFile } from '@seisless/core';

/** Whether the observed records are synthetic Born records (reflections only). */
function bornObserved(spec: RunSpec): boolean {
  return 'synthetic' in spec.observed && spec.observed.modelling === 'born';
}

/**
 * The background record input of RTM/LS-RTM jobs that migrate reflections, `d_obs − F(m0)`:
 * not for FWI (it fits the full record), nor for Born-modelled observed data (already reflections).
 *
 * @example
 * reflectionInputs(spec, 'demo') // { backgroundData: 'runs/demo/background-data/shot-{shot}.npy' }
 */
export function reflectionInputs(spec: RunSpec, runId: string): { backgroundData?: string } {
  const migrates = spec.algorithm.kind !== 'fwi' && spec.data.migrate === 'reflections';
  return migrates && !bornObserved(spec) ? { backgroundData: runKeys(runId).backgroundDataTemplate } : {};
}

/** The `preprocessing` section of gradient, objective and born-norm jobs (absent when none). */
export function preprocessingSection(spec: RunSpec): Pick<TaskFile, 'preprocessing'> {
  const { migrate: _migrate, ...preprocessing } = spec.data;
  return Object.keys(preprocessing).length === 0 ? {} : { preprocessing };
}

/** The observe job's extra input and `observed` section when it models Born records. */
export function observeModelling(
  spec: RunSpec,
  runId: string,
): Pick<TaskFile, 'observed'> & {
  readonly background?: string;
} {
  return bornObserved(spec)
    ? { background: backgroundKey(spec, runId), observed: { modelling: 'born' } }
    : {};
}
