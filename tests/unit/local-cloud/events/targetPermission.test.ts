import { eventTargetAuthorizer } from '../../../../scripts/local-cloud/events/targetPermission';
import { IamGate } from '../../../../scripts/local-cloud/iam/gate';
import { iamPolicies } from '../../../../scripts/local-cloud/iam/policies';
import { readWiring } from '../../../../scripts/local-cloud/wiring/loadWiring';
import type { EventRuleDef, EventTargetDef } from '../../../../scripts/local-cloud/wiring/model';
import { packagedTemplate, SCOPE } from '../wiring/packagedTemplate';
import { templateWithRule } from './ruleTemplate';

/** The rule and target of the template, and an authorizer over its policies (IAM on or off). */
function setup(options: { permission?: boolean; iam?: boolean } = {}) {
  const wiring = readWiring([packagedTemplate(templateWithRule(options))], SCOPE);
  const rule = wiring.eventRules[0] as EventRuleDef;
  const target = rule.targets[0] as EventTargetDef;
  const authorize = eventTargetAuthorizer(
    new IamGate(iamPolicies(wiring, options.iam ?? true)),
    SCOPE.accountId,
  );
  return { rule, target, authorize };
}

describe('eventTargetAuthorizer', () => {
  it("lets EventBridge invoke a function whose permission names the rule's ARN", async () => {
    const { rule, target, authorize } = setup();

    await expect(authorize(rule, target)).resolves.toBeUndefined();
  });

  it('says which permission is missing when the function has none for events.amazonaws.com', async () => {
    const { rule, target, authorize } = setup({ permission: false });

    const refusal = await authorize(rule, target);

    expect(refusal).toContain(
      `no AWS::Lambda::Permission lets events.amazonaws.com call lambda:InvokeFunction on it with SourceArn ${rule.arn}`,
    );
    expect(refusal).toContain(
      `The service events.amazonaws.com is not authorized to perform: lambda:InvokeFunction on resource: ${target.functionArn}`,
    );
  });

  it('refuses another rule of the same function (the SourceArn must match)', async () => {
    const { rule, target, authorize } = setup();

    const refusal = await authorize({ ...rule, arn: `${rule.arn}-other` }, target);

    expect(refusal).toContain(`SourceArn ${rule.arn}-other`);
  });

  it('allows everything with IAM off', async () => {
    const { rule, target, authorize } = setup({ permission: false, iam: false });

    await expect(authorize(rule, target)).resolves.toBeUndefined();
  });
});
