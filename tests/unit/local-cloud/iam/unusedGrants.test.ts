import { unusedGrants } from '../../../../scripts/local-cloud/iam/unusedGrants';
import { IamUsage, reportNewUses } from '../../../../scripts/local-cloud/iam/usage';

describe('unusedGrants', () => {
  const policy = {
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 'sqs:*'], Resource: '*' },
      { Effect: 'Allow', Action: 'batch:Describe*', Resource: '*' },
      { Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
    ],
  };

  it('lists the granted action patterns that no used action matches (wildcards, case-insensitive)', () => {
    expect(unusedGrants([policy], ['s3:GetObject', 'SQS:SendMessage'])).toEqual([
      's3:ListBucket',
      'batch:Describe*',
    ]);
    expect(
      unusedGrants([policy], ['s3:GetObject', 's3:ListBucket', 'sqs:ReceiveMessage', 'batch:DescribeJobs']),
    ).toEqual([]);
  });
});

describe('IamUsage', () => {
  it('keeps each (role, action, resource) once, sorted', () => {
    const usage = new IamUsage();
    const use = { roleArn: 'r', action: 's3:GetObject', resource: 'arn:aws:s3:::b/2' };

    expect(usage.record(use)).toBe(true);
    expect(usage.record(use)).toBe(false);
    usage.record({ ...use, resource: 'arn:aws:s3:::b/1' });

    expect(usage.used('r')).toEqual({ 's3:GetObject': ['arn:aws:s3:::b/1', 'arn:aws:s3:::b/2'] });
  });

  it('sends a child’s uses to the parent once each', () => {
    const sent: object[] = [];
    const onUse = reportNewUses((message) => sent.push(message));
    const use = { roleArn: 'r', action: 'sqs:SendMessage', resource: 'q' };

    onUse(use);
    onUse(use);

    expect(sent).toEqual([{ type: 'iamUse', ...use }]);
  });
});
