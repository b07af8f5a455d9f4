import { s3Checks } from '../../../../scripts/local-cloud/iam/s3Checks';

const check = (method: string, path: string, headers: Record<string, string> = {}) =>
  s3Checks(method, new URL(path, 'http://127.0.0.1:9000'), headers);

describe('s3Checks: an S3 REST request as the IAM actions S3 authorises it with', () => {
  it.each([
    ['GET', '/data/runs/r1/spec.json', 's3:GetObject', 'arn:aws:s3:::data/runs/r1/spec.json'],
    ['HEAD', '/data/a%20b.npy', 's3:GetObject', 'arn:aws:s3:::data/a b.npy'],
    ['GET', '/data/k?partNumber=1', 's3:GetObject', 'arn:aws:s3:::data/k'],
    ['PUT', '/data/k', 's3:PutObject', 'arn:aws:s3:::data/k'],
    ['POST', '/data/k?uploads', 's3:PutObject', 'arn:aws:s3:::data/k'],
    ['PUT', '/data/k?partNumber=2&uploadId=u', 's3:PutObject', 'arn:aws:s3:::data/k'],
    ['POST', '/data/k?uploadId=u', 's3:PutObject', 'arn:aws:s3:::data/k'],
    ['DELETE', '/data/k?uploadId=u', 's3:AbortMultipartUpload', 'arn:aws:s3:::data/k'],
    ['GET', '/data/k?uploadId=u', 's3:ListMultipartUploadParts', 'arn:aws:s3:::data/k'],
    ['DELETE', '/data/k', 's3:DeleteObject', 'arn:aws:s3:::data/k'],
    ['GET', '/data/k?tagging', 's3:GetObjectTagging', 'arn:aws:s3:::data/k'],
    ['GET', '/data?list-type=2&prefix=runs/', 's3:ListBucket', 'arn:aws:s3:::data'],
    ['GET', '/data/', 's3:ListBucket', 'arn:aws:s3:::data'],
    ['HEAD', '/data', 's3:ListBucket', 'arn:aws:s3:::data'],
    ['POST', '/data?delete', 's3:DeleteObject', 'arn:aws:s3:::data/*'],
    ['GET', '/data?location', 's3:GetBucketLocation', 'arn:aws:s3:::data'],
    ['PUT', '/data?policy', 's3:PutBucketPolicy', 'arn:aws:s3:::data'],
    ['PUT', '/data', 's3:CreateBucket', 'arn:aws:s3:::data'],
    ['GET', '/', 's3:ListAllMyBuckets', '*'],
  ])('%s %s → %s on %s', (method, path, action, resource) => {
    expect(check(method, path).checks).toEqual([{ action, resource }]);
  });

  it('authorises CopyObject as PutObject on the target and GetObject on the source', () => {
    const result = check('PUT', '/data/copy', { 'x-amz-copy-source': '/other/src%20key.npy?versionId=1' });

    expect(result.checks).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::data/copy' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::other/src key.npy' },
    ]);
    expect(result.readsKey).toBeUndefined();
  });

  it.each([
    ['PutObject', 'PUT', '/data/k'],
    ['CreateMultipartUpload', 'POST', '/data/k?uploads'],
  ])('requires s3:PutObjectTagging as well when %s sets tags', (_name, method, path) => {
    const headers = { 'x-amz-tagging': 'seisless%3Aretention=scratch' };
    const actions = check(method, path, headers).checks.map((c) => c.action);

    expect(actions).toContain('s3:PutObject');
    expect(actions).toContain('s3:PutObjectTagging');
    expect(check(method, path).checks.map((c) => c.action)).not.toContain('s3:PutObjectTagging');
  });

  it('authorises a tagged CopyObject on the target, with GetObject on the source', () => {
    const headers = { 'x-amz-copy-source': '/data/src', 'x-amz-tagging': 'a=b' };
    expect(check('PUT', '/data/copy', headers).checks).toEqual([
      { action: 's3:PutObject', resource: 'arn:aws:s3:::data/copy' },
      { action: 's3:GetObject', resource: 'arn:aws:s3:::data/src' },
      { action: 's3:PutObjectTagging', resource: 'arn:aws:s3:::data/copy' },
    ]);
  });

  it('does not ask for s3:PutObjectTagging on an UploadPart or CompleteMultipartUpload', () => {
    const headers = { 'x-amz-tagging': 'a=b' };
    expect(check('PUT', '/data/k?partNumber=2&uploadId=u', headers).checks).toHaveLength(1);
    expect(check('POST', '/data/k?uploadId=u', headers).checks).toHaveLength(1);
  });

  it('marks object reads, whose missing keys depend on s3:ListBucket', () => {
    expect(check('GET', '/data/runs/k.npy')).toMatchObject({ bucket: 'data', readsKey: 'runs/k.npy' });
    expect(check('PUT', '/data/runs/k.npy').readsKey).toBeUndefined();
  });

  it('uses the partition it is given', () => {
    const result = s3Checks('GET', new URL('http://h/b/k'), {}, 'aws-cn');
    expect(result.checks[0]?.resource).toBe('arn:aws-cn:s3:::b/k');
  });
});
