import { s3LogKeys } from '@seisless/core';
import { s3Event } from '../../../support/lambdaEvents';

describe('s3LogKeys', () => {
  it('reads the run from a spec key', () => {
    expect(s3LogKeys(s3Event('runs/demo-1/spec.json'))).toEqual({ runId: 'demo-1' });
  });

  it('reads the iteration and shot from a per-shot key', () => {
    expect(s3LogKeys(s3Event('runs/demo/iterations/2/gradients/shot-9.npy'))).toEqual({
      runId: 'demo',
      iteration: 2,
      shot: 9,
    });
  });

  it('decodes the URL-encoded key S3 sends', () => {
    expect(s3LogKeys(s3Event('runs/my run/spec.json'))).toEqual({ runId: 'my run' });
  });
});
