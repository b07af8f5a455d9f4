import { jobsDeadline, jobTimeout, retryStrategy } from '../../../../services/submitter/src/retryPolicy';

describe('retry policy', () => {
  const compute = { retries: 3, timeoutS: 600 } as Parameters<typeof retryStrategy>[0];

  it('retries spot reclaims, stops on bad input, retries the rest', () => {
    expect(retryStrategy(compute)).toEqual({
      attempts: 3,
      evaluateOnExit: [
        { onStatusReason: 'Host EC2*', action: 'RETRY' },
        { onExitCode: '2', action: 'EXIT' },
        { onReason: '*', action: 'RETRY' },
      ],
    });
  });

  it('times out each attempt', () => {
    expect(jobTimeout(compute)).toEqual({ attemptDurationSeconds: 600 });
  });

  it('allows every attempt its full timeout plus slack and queue time', () => {
    const deadline = jobsDeadline(1_000, compute, { deadlineSlackS: 300, queueAllowanceS: 3600 });
    expect(deadline).toBe(1_000 + (3 * 600 + 300 + 3600) * 1000);
  });
});
