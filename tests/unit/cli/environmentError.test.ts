import { TransientError } from '@seisless/core';
import { EnvironmentError, environmentErrorIn } from '../../../scripts/cli/environmentError';
import { EXIT, main } from '../../../scripts/cli/main';
import { fakeDeps } from './fakes';

describe('environment problems: exit 1, their own line, even when an adapter wrapped them', () => {
  it('finds the EnvironmentError in a cause chain, and nothing in an unrelated error', () => {
    const environment = new EnvironmentError('S3 at http://h:1 does not answer (ECONNREFUSED); start it');
    const wrapped = new TransientError('s3://b/k: HeadObject failed; retrying may help', {
      cause: environment,
    });
    expect(environmentErrorIn(wrapped)).toBe(environment);
    expect(environmentErrorIn(new Error('x', { cause: new Error('y') }))).toBeUndefined();
  });

  it('prints the environment line, not the wrapper, and no trace', async () => {
    const { deps, stderr } = fakeDeps(undefined, {
      connect: async () => {
        throw new TransientError('s3://b/k: HeadObject failed; retrying may help', {
          cause: new EnvironmentError('--aws: no AWS region; pass --region <name> or set AWS_REGION'),
        });
      },
    });
    expect(await main(['status', 'demo', '--aws', '--stage', 'dev'], deps)).toBe(EXIT.failed);
    expect(stderr()).toBe('seisless: error: --aws: no AWS region; pass --region <name> or set AWS_REGION\n');
  });
});
