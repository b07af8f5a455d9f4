// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation and serverless ${…} strings, not templates
import { join } from 'node:path';
import { readWiring } from '../../../../scripts/local-cloud/wiring/loadWiring';
import { resourceProblem } from '../../../../scripts/local-cloud/wiring/policyCheck';
import { demoTemplate, packagedTemplate, SCOPE } from './packagedTemplate';

type Dict = Record<string, unknown>;

/** The demo template with the state machine role's Lambda ARN replaced. */
function withMachineResource(resource: unknown): ReturnType<typeof demoTemplate> {
  const template = demoTemplate();
  const role = template.Resources.MachineRole as { Properties: { Policies: { PolicyDocument: Dict }[] } };
  const [policy] = role.Properties.Policies;
  if (policy)
    policy.PolicyDocument.Statement = [
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: resource },
    ];
  return template;
}

describe('readWiring: templates CloudFormation or IAM would refuse', () => {
  it('fails on a role holding an unresolved #{…} placeholder, as IAM does, naming template, role and string', () => {
    const placeholder = 'arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:function:demo-test-work';
    const pkg = packagedTemplate(withMachineResource(placeholder));

    const read = () => readWiring([pkg], SCOPE);

    expect(read).toThrow('The policy failed legacy parsing');
    expect(read).toThrow(join(pkg.dir, 'cloudformation-template-update-stack.json'));
    expect(read).toThrow(/MachineRole \(role demo-test-MachineRole-[0-9A-F]{12}\)/);
    expect(read).toThrow(placeholder);
  });

  it('fails on a policy resource that is not an ARN', () => {
    const pkg = packagedTemplate(withMachineResource('demo-test-work'));

    expect(() => readWiring([pkg], SCOPE)).toThrow('Resource demo-test-work must be in ARN format or "*"');
  });

  it('fails on a GetAtt of a resource the template does not define, as CloudFormation does', () => {
    const template = demoTemplate();
    (template.Resources.WorkLambdaFunction as { Properties: Dict }).Properties.Role = {
      'Fn::GetAtt': ['MissingRole', 'Arn'],
    };

    expect(() => readWiring([packagedTemplate(template)], SCOPE)).toThrow(
      'Template error: instance of Fn::GetAtt references undefined resource MissingRole',
    );
  });

  it('fails on a Ref of an undefined resource', () => {
    const template = demoTemplate();
    (template.Resources.Jobs as { Properties: Dict }).Properties.ComputeEnvironmentOrder = [
      { Order: 1, ComputeEnvironment: { Ref: 'Nowhere' } },
    ];

    expect(() => readWiring([packagedTemplate(template)], SCOPE)).toThrow(
      'Unresolved resource dependencies [Nowhere]',
    );
  });
});

describe('resourceProblem', () => {
  it.each([
    '*',
    'arn:aws:s3:::bucket/*',
    'arn:aws:sqs:*:*:queue.fifo',
    'arn:aws:iam::aws:policy/ReadOnlyAccess',
    'arn:aws:s3:::bucket/${aws:username}/*',
    'arn:aws-cn:lambda:cn-north-1:000000000000:function:f:*',
  ])('accepts %s', (resource) => {
    expect(resourceProblem(resource)).toBeUndefined();
  });

  it.each([
    ['arn:aws:lambda:#{AWS::Region}:000000000000:function:f', 'unresolved placeholder'],
    ['arn:${AWS::Partition}:s3:::bucket', 'unresolved placeholder'],
    ['bucket/*', 'must be in ARN format'],
    ['arn:aws:sqs', 'must be in ARN format'],
  ])('refuses %s', (resource, problem) => {
    expect(resourceProblem(resource)).toContain(problem);
  });
});
