import { type RunSpec, startingIterateKey } from '@seisless/core';

/**
 * The key of x_{k-1}, the iterate iteration k starts from (undefined: a zero LS-RTM/RTM image).
 * FWI's first iterate is the background: the spec's own object when it names one.
 */
export function startingIterate(spec: RunSpec, runId: string, k: number): string | undefined {
  const kind = spec.algorithm.kind;
  if (kind === 'fwi' && k <= 1 && spec.background !== undefined && 'key' in spec.background) {
    return spec.background.key;
  }
  return startingIterateKey(runId, k, kind);
}
