import { SeislessError } from '@seisless/core';
import { LineSearchFailedError } from '../../../../services/line-search/src/errors';

describe('LineSearchFailedError', () => {
  it('has a literal name for Step Functions', () => {
    const error = new LineSearchFailedError('no step');
    expect(error).toBeInstanceOf(SeislessError);
    expect(error.name).toBe('LineSearchFailedError');
  });
});
