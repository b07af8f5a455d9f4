import { isWildcardOnlyAction } from '@cloud-copilot/iam-simulate';
import type { Template } from '../../../scripts/check/template';
import { wildcardGrants } from '../../../scripts/check/wildcardGrants';

function roleWith(statements: object[]): Template {
  return {
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyName: 'main', PolicyDocument: { Statement: statements } }] },
      },
    },
  };
}

describe('wildcardGrants', () => {
  it('reports an action that supports resource-level permissions granted on every resource', async () => {
    const template = roleWith([
      { Effect: 'Allow', Action: ['batch:SubmitJob', 'batch:DescribeJobs'], Resource: '*' },
    ]);

    const grants = await wildcardGrants(template, isWildcardOnlyAction);

    expect(grants).toEqual([
      {
        where: 'Role main statement 0',
        action: 'batch:SubmitJob',
        reason: 'supports resource-level permissions',
      },
    ]);
  });

  it('accepts wildcard-only actions on every resource and any action on named resources', async () => {
    const template = roleWith([
      { Effect: 'Allow', Action: ['states:ListStateMachines', 'logs:CreateLogDelivery'], Resource: ['*'] },
      {
        Effect: 'Allow',
        Action: 'states:StartExecution',
        Resource: 'arn:aws:states:us-east-1:1:stateMachine:m',
      },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ]);

    expect(await wildcardGrants(template, isWildcardOnlyAction)).toEqual([]);
  });

  it('reports action patterns, NotAction and unknown actions on every resource', async () => {
    const template = roleWith([
      { Effect: 'Allow', Action: ['s3:Get*', 'batch:SubmitJobs'], Resource: '*' },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
    ]);

    const reasons = (await wildcardGrants(template, isWildcardOnlyAction)).map(
      (g) => `${g.action}: ${g.reason}`,
    );

    expect(reasons).toEqual([
      's3:Get*: an action pattern on every resource',
      'batch:SubmitJobs: unknown action',
      'iam:*: NotAction on every resource',
    ]);
  });

  it('reads standalone policies as well as role policies', async () => {
    const template: Template = {
      Resources: {
        Extra: {
          Type: 'AWS::IAM::Policy',
          Properties: {
            PolicyName: 'extra',
            PolicyDocument: { Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' } },
          },
        },
      },
    };

    expect((await wildcardGrants(template, isWildcardOnlyAction)).map((g) => g.where)).toEqual([
      'Extra extra statement 0',
    ]);
  });
});
