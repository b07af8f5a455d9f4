import type { Template } from '../../../scripts/check/template';
import { unresolvedPlaceholders } from '../../../scripts/check/unresolvedPlaceholders';

const definition = { 'Fn::Sub': '{"Resource":"arn:aws:lambda:#{AWS::Region}:fn"}' };

describe('unresolvedPlaceholders', () => {
  it("finds #{…} in a role's policy, the defect of the plugin-generated state machine role", () => {
    const template: Template = {
      Resources: {
        MachineRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [
              {
                PolicyName: 'invoke',
                PolicyDocument: {
                  Statement: [
                    { Effect: 'Allow', Resource: ['arn:aws:lambda:#{AWS::Region}:#{AWS::AccountId}:x'] },
                  ],
                },
              },
            ],
          },
        },
      },
    };

    expect(unresolvedPlaceholders(template)).toEqual([
      'Resources.MachineRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource[0]',
    ]);
  });

  it('accepts #{…} inside a state machine definition, where the plugin substitutes it', () => {
    const template: Template = {
      Resources: {
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: definition } },
      },
    };

    expect(unresolvedPlaceholders(template)).toEqual([]);
  });

  it('reports a definition-like property of any other resource, and outputs', () => {
    const template: Template = {
      Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { DefinitionString: definition } } },
      Outputs: { Arn: { Value: 'arn:#{AWS::Partition}:x' } },
    };

    expect(unresolvedPlaceholders(template)).toEqual([
      'Outputs.Arn.Value',
      'Resources.Fn.Properties.DefinitionString.Fn::Sub',
    ]);
  });
});
