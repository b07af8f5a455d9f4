import { nextStep, resumeCanHelp } from '../../../scripts/cli/jobFailureAdvice';

/** A JobsFailedError as the run state records it, listing `entries` (`shot 1 (job j:1) transient: …`). */
const jobsFailed = (...entries: string[]) => ({
  Error: 'JobsFailedError',
  Cause: `gradient jobs of run r, iteration 1: ${entries.length} of 4 failed: ${entries.join('; ')}`,
});

describe('nextStep: resume only when resuming can help', () => {
  it('suggests resume for jobs that failed for a transient reason, and for an interruption', () => {
    const transient = jobsFailed('shot 0 (job j:0) transient: exit code 137: OutOfMemoryError');
    const interrupted = { Error: 'Interrupted', Cause: 'the local cloud stopped (SIGINT)' };

    expect(nextStep('r', transient)).toBe('continue with: seisless resume r');
    expect(nextStep('r', interrupted)).toBe('continue with: seisless resume r');
    expect(resumeCanHelp('r', transient)).toBe(true);
  });

  it('names the shots whose jobs failed with an internal error as a bug to report, even beside transient ones', () => {
    const error = jobsFailed(
      'shot 0 (job j:0) transient: exit code 137',
      'shot 2 (job j:2) internal: KeyError: nbl',
      'shot 3 (job j:3) internal: KeyError: nbl',
    );

    const line = nextStep('r', error);

    expect(line).toMatch(/^to report: the internal error of shots 2, 3 is a bug in seisless, not your input/);
    expect(line).toContain('would most likely fail the same way');
    expect(line).toContain('resume (seisless resume r) once a fixed version is deployed');
    expect(resumeCanHelp('r', error)).toBe(false);
  });

  it('names a job without a shot (the model job) by its id', () => {
    const error = jobsFailed('(job m-1) internal: ZeroDivisionError: division by zero');

    expect(nextStep('r', error)).toMatch(/^to report: the internal error of job m-1 is a bug in seisless/);
  });

  it("treats a function's programming error as a bug, not something a resume fixes", () => {
    const error = { Error: 'TypeError', Cause: "Cannot read properties of undefined (reading 'k')" };

    expect(nextStep('r', error)).toMatch(
      /^to report: the TypeError is a bug in seisless, not your input \(the error above, with the function's log\)/,
    );
    expect(resumeCanHelp('r', error)).toBe(false);
  });

  it('says what to fix when a job refused its input, before any internal error', () => {
    const error = jobsFailed(
      'shot 1 (job j:1) bad-input: s3://b/m.npy: shape [31, 41]; expected shape [41, 31]',
      'shot 2 (job j:2) internal: KeyError: nbl',
    );

    expect(nextStep('r', error)).toBe(
      'to fix: s3://b/m.npy (refused by the jobs above, each naming what it expected); a resume would fail the same way until then',
    );
    expect(resumeCanHelp('r', error)).toBe(false);
  });
});
