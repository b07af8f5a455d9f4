import { environmentProblem } from '../../../scripts/cli/sdkEnvironmentErrors';

const advice = {
  service: 'S3',
  unreachable: 'start it',
  credentials: 'set AWS_PROFILE',
  missingBucket: 'deploy the stage',
};
const request = { endpoint: 'http://h:1', operation: 'GetObject', bucket: 'seisless-dev-data' };

// The middleware itself runs in the bad-input suite (tests/integration/bad-input), on the real
// CLI: under jest the SDK re-wraps Node's network errors (another realm's Error), hiding the code.
describe('environmentProblem: which SDK failures are the environment', () => {
  it.each([
    [{ code: 'ECONNREFUSED' }, 'S3 at http://h:1 does not answer (ECONNREFUSED); start it'],
    [{ code: 'ENOTFOUND' }, 'S3 at http://h:1 does not answer (ENOTFOUND); start it'],
    [
      { name: 'CredentialsProviderError', message: 'Could not load credentials\nfrom any providers' },
      'no AWS credentials (Could not load credentials); set AWS_PROFILE',
    ],
    [
      { name: 'ExpiredToken', message: 'The provided token has expired.' },
      'S3 at http://h:1 refused the AWS credentials (ExpiredToken); set AWS_PROFILE',
    ],
    [
      { name: 'NoSuchBucket', message: 'The specified bucket does not exist' },
      'bucket seisless-dev-data does not exist at http://h:1; deploy the stage',
    ],
    [
      {
        name: 'AccessDenied',
        message: 'User: arn:aws:iam::1:user/me is not authorized to perform: s3:GetObject',
      },
      'S3 denied GetObject (AccessDenied: User: arn:aws:iam::1:user/me is not authorized to perform: s3:GetObject); use credentials whose policy allows it, or ask for the permission',
    ],
  ])('%j is one line saying what to do', (failure, line) => {
    expect(environmentProblem(failure, request, advice)).toBe(line);
  });

  it.each([
    [{ name: 'NoSuchKey' }],
    [{ name: 'InvalidRange' }],
    [{ name: 'SlowDown' }],
    [{ code: 'EISDIR' }],
  ])('leaves %j to the request', (failure) => {
    expect(environmentProblem(failure, request, advice)).toBeUndefined();
  });
});
