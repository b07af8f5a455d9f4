import { type RunSpec, runKeys } from '@seisless/core';

/** The key template of the observed shot records: the spec's own, or the ones `observe` writes. */
export function observedDataTemplate(spec: RunSpec, runId: string): string {
  return 'keyTemplate' in spec.observed ? spec.observed.keyTemplate : runKeys(runId).shotDataTemplate;
}
