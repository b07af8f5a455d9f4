import { CallerDirectory } from '../../../../scripts/local-cloud/iam/callers';
import { ADMIN_CREDENTIALS, roleCredentials } from '../../../../scripts/local-cloud/iam/credentials';
import { requestCredential } from '../../../../scripts/local-cloud/iam/requestCredential';

const role = { name: 'reducer-role', arn: 'arn:aws:iam::000000000000:role/reducer-role' };
const other = { name: 'job-role', arn: 'arn:aws:iam::000000000000:role/job-role' };
const directory = new CallerDirectory([role, other], { partition: 'aws', accountId: '000000000000' });

describe('role credentials', () => {
  it('are deterministic, distinct per role, and shaped as session credentials', () => {
    const a = roleCredentials(role.arn, 'fn');

    expect(roleCredentials(role.arn, 'fn')).toEqual(a);
    expect(a.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(a.secretAccessKey).toHaveLength(40);
    expect(roleCredentials(other.arn, 'fn').accessKeyId).not.toBe(a.accessKeyId);
  });

  it('lead back to the role and its session, as the assumed-role principal', () => {
    const credentials = directory.credentialsFor(role.arn, 'seisless-gradient-reducer-local-reduce');

    expect(directory.principalFor(credentials.accessKeyId, credentials.sessionToken)).toEqual({
      kind: 'role',
      roleArn: role.arn,
      roleName: 'reducer-role',
      session: 'seisless-gradient-reducer-local-reduce',
      principalArn:
        'arn:aws:sts::000000000000:assumed-role/reducer-role/seisless-gradient-reducer-local-reduce',
    });
  });

  it('make the printed credentials the administrator and refuse unknown keys and roles', () => {
    expect(directory.principalFor(ADMIN_CREDENTIALS.accessKeyId)).toEqual({ kind: 'admin' });
    expect(directory.principalFor('AKIAIOSFODNN7EXAMPLE')).toBeUndefined();
    expect(() => directory.credentialsFor('arn:aws:iam::000000000000:role/none')).toThrow(/No role/);
  });

  it('name a Batch array child session without the colon STS refuses', () => {
    const caller = directory.roleCaller(other.arn, '6f1c0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6:3');
    expect(caller.kind === 'role' && caller.session).toBe('6f1c0e2a-1b2c-4d5e-8f90-a1b2c3d4e5f6-3');
  });
});

describe('requestCredential', () => {
  const none = new URLSearchParams();

  it('reads the access key of a SigV4 Authorization header and the session token', () => {
    const headers = {
      authorization:
        'AWS4-HMAC-SHA256 Credential=ASIAABCDEFGHIJKLMNOP/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=abc',
      'x-amz-security-token': 'token',
    };
    expect(requestCredential(headers, none)).toEqual({
      accessKeyId: 'ASIAABCDEFGHIJKLMNOP',
      sessionToken: 'token',
    });
  });

  it('reads presigned URLs (V4 and V2) and SigV2 headers; unsigned is undefined', () => {
    const v4 = new URLSearchParams({ 'X-Amz-Credential': 'S3RVER/20260101/us-east-1/s3/aws4_request' });
    expect(requestCredential({}, v4)?.accessKeyId).toBe('S3RVER');
    expect(requestCredential({}, new URLSearchParams({ AWSAccessKeyId: 'K2' }))?.accessKeyId).toBe('K2');
    expect(requestCredential({ authorization: 'AWS K3:sig' }, none)?.accessKeyId).toBe('K3');
    expect(requestCredential({}, none)).toBeUndefined();
  });
});
