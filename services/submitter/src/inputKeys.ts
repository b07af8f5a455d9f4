import { type RunSpec, runKeys, startingIterateKey } from '@seisless/core';

/** The smooth background velocity: the spec's own object, or the one the model job writes. */
export function backgroundKey(spec: RunSpec, runId: string): string {
  return spec.background !== undefined && 'key' in spec.background
    ? spec.background.key
    : runKeys(runId).input('background');
}

/**
 * The iterate x_{k-1} that iteration k starts from (`startingIterateKey`), except that a run
 * whose background comes from its own object starts FWI from that object.
 */
export function startingIterate(spec: RunSpec, runId: string, k: number): string | undefined {
  const kind = spec.algorithm.kind;
  if (kind === 'fwi' && k <= 1) return backgroundKey(spec, runId);
  return startingIterateKey(runId, k, kind);
}

/** The key template of the observed shot records: the spec's own, or the ones `observe` writes. */
export function observedDataTemplate(spec: RunSpec, runId: string): string {
  return 'keyTemplate' in spec.observed ? spec.observed.keyTemplate : runKeys(runId).shotDataTemplate;
}
