/** Backtracking settings (spec `algorithm.step` with rule 'armijo'). */
export interface ArmijoSettings {
  readonly shrink: number;
  readonly c1: number;
  readonly maxTrials: number;
}

/** One evaluated trial: f(x + step·d). */
export interface EvaluatedTrial {
  readonly step: number;
  readonly value: number;
}

/** What to do after the latest trial. */
export type ArmijoOutcome =
  | { readonly action: 'accept'; readonly step: number; readonly warning?: string }
  | { readonly action: 'trial'; readonly step: number }
  | { readonly action: 'fail'; readonly reason: string };

/**
 * Armijo's sufficient decrease: f(x + α d) ≤ f(x) + c1 α gᵀd (`slope` = gᵀd < 0).
 *
 * @example
 * armijoHolds({ f0: 10, value: 9, step: 1, slope: -2, c1: 1e-4 }) // true
 */
export function armijoHolds(t: {
  f0: number;
  value: number;
  step: number;
  slope: number;
  c1: number;
}): boolean {
  return Number.isFinite(t.value) && t.value <= t.f0 + t.c1 * t.step * t.slope;
}

/**
 * Backtracking: accept the latest trial if it satisfies Armijo, else try shrink·α, up to
 * maxTrials trials. When none satisfies it, the trial with the lowest objective is accepted with
 * a warning if it still lowered the objective; otherwise the search fails (the caller throws
 * LineSearchFailedError), rather than moving the model uphill.
 */
export function armijoNext(
  settings: ArmijoSettings,
  start: { f0: number; slope: number },
  trials: readonly EvaluatedTrial[],
): ArmijoOutcome {
  const last = trials.at(-1);
  if (last === undefined) return { action: 'fail', reason: 'no trial was evaluated' };
  if (armijoHolds({ ...start, ...last, c1: settings.c1 })) return { action: 'accept', step: last.step };
  if (trials.length < settings.maxTrials) return { action: 'trial', step: settings.shrink * last.step };
  const best = trials.reduce((a, b) => (b.value < a.value ? b : a));
  const listed = trials.map((t) => `α=${t.step.toPrecision(4)}: f=${t.value.toPrecision(6)}`).join(', ');
  if (Number.isFinite(best.value) && best.value < start.f0) {
    return {
      action: 'accept',
      step: best.step,
      warning: `no trial met the Armijo condition (f0=${start.f0.toPrecision(6)}; ${listed}); accepted α=${best.step.toPrecision(4)}, which lowered the objective`,
    };
  }
  return {
    action: 'fail',
    reason: `no trial step lowered the objective f0=${start.f0.toPrecision(6)} (${listed})`,
  };
}
