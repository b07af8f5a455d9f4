import { resolveIntrinsics } from '../../../../scripts/local-cloud/wiring/intrinsics';

const ctx = {
  file: 'serverless.yml',
  region: 'us-east-1',
  accountId: '000000000000',
  resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q.fifo' } },
    Jobs: { Type: 'AWS::Batch::JobQueue', Properties: { JobQueueName: 'jobs' } },
    Role: { Type: 'AWS::IAM::Role', Properties: {} },
  },
};

describe('resolveIntrinsics', () => {
  it('resolves GetAtt, Ref and Split as CloudFormation would', () => {
    const value = {
      arn: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      queue: { Ref: 'Jobs' },
      role: { 'Fn::GetAtt': ['Role', 'Arn'] },
      subnets: { 'Fn::Split': [',', 'a,b'] },
      region: { Ref: 'AWS::Region' },
    };

    expect(resolveIntrinsics(value, ctx)).toEqual({
      arn: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
      queue: 'arn:aws:batch:us-east-1:000000000000:job-queue/jobs',
      role: 'arn:aws:iam::000000000000:role/Role',
      subnets: ['a', 'b'],
      region: 'us-east-1',
    });
  });

  it.each([
    [{ 'Fn::Join': ['', []] }, "unsupported intrinsic 'Fn::Join'"],
    [{ Ref: 'Nope' }, "no resource 'Nope'"],
    [{ 'Fn::GetAtt': ['Jobs', 'Arn'] }, 'is not supported'],
    [{ Ref: 'Queue' }, 'is not known here'],
  ])('fails clearly on %j', (value, message) => {
    expect(() => resolveIntrinsics(value, ctx)).toThrow(message);
  });
});
