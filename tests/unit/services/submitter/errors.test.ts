import { SeislessError } from '@seisless/core';
import { JobsFailedError } from '../../../../services/submitter/src/errors';

describe('JobsFailedError', () => {
  it('has a literal name and carries the failures', () => {
    const error = new JobsFailedError('gradient jobs failed', [
      { jobId: 'j:1', shot: 4, kind: 'bad-input' as const, reason: 'exit code 2' },
    ]);
    expect(error).toBeInstanceOf(SeislessError);
    expect(error.name).toBe('JobsFailedError');
    expect(error.failures).toEqual([
      { jobId: 'j:1', shot: 4, kind: 'bad-input' as const, reason: 'exit code 2' },
    ]);
  });
});
