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

/** Smallest backtracking factor: interpolation never cuts a step by more than 10× at once. */
export const MIN_BACKTRACK = 0.1;

/**
 * The step after a failed trial α: the minimiser of the quadratic through f0, the slope and
 * f(α) (Nocedal & Wright, eq. 3.58), safeguarded to [min(0.1, shrink)·α, shrink·α]; shrink·α
 * when f(α) is not finite.
 *
 * @example
 * backtrack(0.5, { f0: 10, slope: -4 }, { step: 1, value: 20 }) // 4 / 28 ≈ 0.143
 */
export function backtrack(
  shrink: number,
  start: { f0: number; slope: number },
  trial: EvaluatedTrial,
): number {
  const { step, value } = trial;
  const curvature = (value - start.f0 - start.slope * step) / (step * step);
  if (!Number.isFinite(value) || !(curvature > 0)) return shrink * step;
  const minimiser = -start.slope / (2 * curvature);
  return Math.min(shrink * step, Math.max(Math.min(MIN_BACKTRACK, shrink) * step, minimiser));
}

/**
 * Backtracking: accept the latest trial if it satisfies Armijo, else try a shorter step
 * (`backtrack`: quadratic interpolation, at most shrink·α), up to maxTrials trials. When none satisfies it, the trial with the lowest objective is accepted with
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
  if (trials.length < settings.maxTrials)
    return { action: 'trial', step: backtrack(settings.shrink, start, last) };
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
