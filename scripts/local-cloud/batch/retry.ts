import type { AttemptOutcome, EvaluateOnExit, RetryStrategy } from './model';

/**
 * AWS Batch pattern matching of `evaluateOnExit`: an exact match, or a prefix match when the
 * pattern ends with `*` (`Host EC2*`, `1*`, `*`). A missing value is matched as ''.
 */
export function matchesPattern(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  const text = value ?? '';
  return pattern.endsWith('*') ? text.startsWith(pattern.slice(0, -1)) : text === pattern;
}

/** Whether every condition a rule sets (status reason, container reason, exit code) matches. */
export function ruleMatches(rule: EvaluateOnExit, outcome: AttemptOutcome): boolean {
  return (
    matchesPattern(rule.onStatusReason, outcome.statusReason) &&
    matchesPattern(rule.onReason, outcome.reason) &&
    matchesPattern(rule.onExitCode, outcome.exitCode === undefined ? undefined : String(outcome.exitCode))
  );
}

/**
 * Whether a failed attempt is retried: attempts remain, and the first `evaluateOnExit` rule that
 * matches says RETRY (when none matches, Batch retries).
 *
 * @example
 * shouldRetry({ attempts: 3, evaluateOnExit: [{ onExitCode: '2', action: 'EXIT' }] }, 1,
 *   { exitCode: 2, statusReason: 'Essential container in task exited' }); // false
 */
export function shouldRetry(strategy: RetryStrategy, attemptsMade: number, outcome: AttemptOutcome): boolean {
  if (attemptsMade >= Math.max(1, strategy.attempts ?? 1)) return false;
  const rule = (strategy.evaluateOnExit ?? []).find((candidate) => ruleMatches(candidate, outcome));
  return rule === undefined || rule.action.toUpperCase() === 'RETRY';
}
