import { failedShots, failedShotsSection } from '../../../../scripts/report/failedShots';

const error = {
  Error: 'JobsFailedError',
  Cause:
    'observe jobs of run r, iteration 0: 3 of 3 failed: shot 0 (job j:0) bad-input: s3://b/d/shot-0.npy: 5 traces; expected 21 traces; ' +
    'shot 1 (job j:1) transient: exit code 137: OutOfMemoryError; and 1 more',
};

describe('failedShots', () => {
  it('lists each failed shot with its kind and reason, and the count left unlisted', () => {
    expect(failedShots(error)).toEqual({
      failed_shots: [
        {
          shot: 0,
          job: 'j:0',
          kind: 'bad-input',
          reason: 's3://b/d/shot-0.npy: 5 traces; expected 21 traces',
        },
        { shot: 1, job: 'j:1', kind: 'transient', reason: 'exit code 137: OutOfMemoryError' },
      ],
      failed_shots_unlisted: 1,
    });
  });

  it('reads the failed gradient jobs a ShotsFailedError names', () => {
    const shotsFailed = {
      Error: 'ShotsFailedError',
      Cause:
        "iteration 1: shot(s) 2 failed permanently (failed jobs, dead letters or missing gradients); the spec's reduction.failureTolerance allows 0 of 4: " +
        'shot 2 (job j:2) bad-input: s3://b/d/shot-2.npy: 5 traces; expected 21 traces',
    };

    expect(failedShots(shotsFailed).failed_shots).toEqual([
      { shot: 2, job: 'j:2', kind: 'bad-input', reason: 's3://b/d/shot-2.npy: 5 traces; expected 21 traces' },
    ]);
  });

  it('is empty for a run that did not stop on failed jobs', () => {
    expect(failedShots({ Error: 'Interrupted', Cause: 'shot 0 (job j:0) bad-input: x' })).toEqual({
      failed_shots: [],
      failed_shots_unlisted: 0,
    });
    expect(failedShots(undefined).failed_shots).toEqual([]);
  });
});

describe('failedShotsSection', () => {
  it('is a table of shot, kind, reason and job, escaped', () => {
    const html = failedShotsSection({ ...error, Cause: error.Cause.replace('5 traces', '<5> traces') });

    expect(html).toContain('<h2>Failed shots</h2>');
    expect(html).toContain(
      '<tr><td class="text">0</td><td class="text">bad-input</td><td class="text">s3://b/d/shot-0.npy: &lt;5&gt; traces; expected 21 traces</td><td class="text">j:0</td></tr>',
    );
    expect(html).toContain('and 1 more failed shots');
  });

  it('is nothing without failed shots', () => {
    expect(failedShotsSection({ Error: 'States.Timeout', Cause: 'x' })).toBe('');
  });
});
