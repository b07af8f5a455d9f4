// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation ${…} strings, not templates
import { resolveTemplate } from '../../../../scripts/local-cloud/wiring/resolveTemplate';

const SCOPE = { stackName: 'demo-test', region: 'us-east-1', accountId: '000000000000', partition: 'aws' };

describe('resolveTemplate', () => {
  it('evaluates pseudo parameters, Join, Sub (with resource attributes), Split and Select', () => {
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'q' } },
        Thing: {
          Type: 'Custom::Thing',
          Properties: {
            Stack: { Ref: 'AWS::StackName' },
            Url: { 'Fn::Sub': 'https://x.${AWS::URLSuffix}/${Queue.QueueName}/${AWS::Partition}' },
            Joined: { 'Fn::Join': [':', ['a', { Ref: 'AWS::Region' }]] },
            Second: { 'Fn::Select': [1, { 'Fn::Split': [',', 'x,y,z'] }] },
            Mapped: { 'Fn::Sub': ['${A}-${AWS::AccountId}', { A: 'one' }] },
          },
        },
      },
    };

    const { resources } = resolveTemplate(template, SCOPE, 'template.json');

    expect(resources.Thing?.Properties).toEqual({
      Stack: 'demo-test',
      Url: 'https://x.amazonaws.com/q/aws',
      Joined: 'a:us-east-1',
      Second: 'y',
      Mapped: 'one-000000000000',
    });
  });

  it('keeps single-key objects holding lists and multi-operator IAM conditions intact', () => {
    const template = {
      Resources: {
        Policy: {
          Type: 'AWS::IAM::ManagedPolicy',
          Properties: {
            PolicyDocument: {
              Statement: [
                {
                  Effect: 'Allow',
                  Action: 's3:GetObject',
                  Resource: '*',
                  Condition: {
                    StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
                    Bool: { a: 'true' },
                  },
                },
              ],
            },
          },
        },
      },
    };

    const { resources } = resolveTemplate(template, SCOPE, 'template.json');

    expect(resources.Policy?.Properties?.PolicyDocument).toEqual({
      Statement: [
        {
          Effect: 'Allow',
          Action: 's3:GetObject',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceAccount': '000000000000' }, Bool: { a: 'true' } },
        },
      ],
    });
  });

  it('drops AWS::NoValue and the resources whose condition is false', () => {
    const template = {
      Conditions: { Never: { 'Fn::Equals': ['a', 'b'] } },
      Resources: {
        Kept: {
          Type: 'Custom::Kept',
          Properties: { A: 'a', B: { Ref: 'AWS::NoValue' }, List: ['x', { Ref: 'AWS::NoValue' }] },
        },
        Skipped: { Type: 'Custom::Skipped', Condition: 'Never', Properties: {} },
      },
    };

    const { resources } = resolveTemplate(template, SCOPE, 'template.json');

    expect(Object.keys(resources)).toEqual(['Kept']);
    expect(resources.Kept?.Properties).toEqual({ A: 'a', List: ['x'] });
  });

  it('fails on an attribute it cannot give, naming it', () => {
    const template = {
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
        User: { Type: 'Custom::User', Properties: { X: { 'Fn::GetAtt': ['Queue', 'Nope'] } } },
      },
    };

    expect(() => resolveTemplate(template, SCOPE, 'template.json')).toThrow(
      'Fn::GetAtt Queue.Nope is not known to the local cloud for AWS::SQS::Queue',
    );
  });

  it('generates the names CloudFormation would for unnamed resources, stable across reads', () => {
    const template = { Resources: { Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } } } };

    const first = resolveTemplate(template, SCOPE, 'template.json').physical.Jobs;
    const second = resolveTemplate(template, SCOPE, 'template.json').physical.Jobs;

    expect(first?.attributes.QueueName).toMatch(/^demo-test-Jobs-[0-9A-F]{12}\.fifo$/);
    expect(second).toEqual(first);
  });
});
