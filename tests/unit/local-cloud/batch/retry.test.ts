import { matchesPattern, shouldRetry } from '../../../../scripts/local-cloud/batch/retry';

const projectStrategy = {
  attempts: 3,
  evaluateOnExit: [
    { onStatusReason: 'Host EC2*', action: 'RETRY' },
    { onExitCode: '2', action: 'EXIT' },
    { onReason: '*', action: 'RETRY' },
  ],
};
const exited = (exitCode: number) => ({ exitCode, statusReason: 'Essential container in task exited' });
const spot = { statusReason: 'Host EC2 (instance i-0123) terminated.' };

describe('shouldRetry', () => {
  it.each([
    ['a spot interruption', spot, 1, true],
    ['bad input (exit 2)', exited(2), 1, false],
    ['any other failure', exited(1), 1, true],
    ['a failure with no attempts left', exited(1), 3, false],
  ])('with the project strategy: %s → %s', (_what, outcome, attemptsMade, expected) => {
    expect(shouldRetry(projectStrategy, attemptsMade, outcome)).toBe(expected);
  });

  it('retries whenever attempts remain if no evaluateOnExit is given', () => {
    expect(shouldRetry({ attempts: 2 }, 1, exited(2))).toBe(true);
    expect(shouldRetry({}, 1, exited(1))).toBe(false);
  });

  it('retries when no rule matches', () => {
    expect(
      shouldRetry({ attempts: 2, evaluateOnExit: [{ onExitCode: '3', action: 'EXIT' }] }, 1, exited(1)),
    ).toBe(true);
  });

  it('takes the action case-insensitively', () => {
    expect(
      shouldRetry({ attempts: 2, evaluateOnExit: [{ onExitCode: '1', action: 'exit' }] }, 1, exited(1)),
    ).toBe(false);
  });
});

describe('matchesPattern', () => {
  it.each([
    ['Host EC2*', 'Host EC2 (instance i-1) terminated.', true],
    ['1*', '137', true],
    ['1*', '21', false],
    ['2', '2', true],
    ['2', '21', false],
    ['*', undefined, true],
    [undefined, 'anything', true],
  ])('%s against %s → %s', (pattern, value, expected) => {
    expect(matchesPattern(pattern, value)).toBe(expected);
  });
});
