// biome-ignore-all lint/suspicious/noTemplateCurlyInString: CloudFormation ${…} strings, not templates
import { demoTemplate } from '../wiring/packagedTemplate';

type Dict = Record<string, unknown>;

/** The rule name serverless v4 gives the first eventBridge event of function `work` (service demo, stage test). */
export const RULE_NAME = 'demo-test-work-rule-1';

/**
 * What `serverless package` (osls 4.3.1) writes for an `eventBridge` event with a `pattern` on the
 * default bus: an AWS::Events::Rule named `<service>-<stage>-<function>-rule-<n>` targeting the
 * function, and an AWS::Lambda::Permission for events.amazonaws.com with the rule's ARN as SourceArn.
 */
export function eventRuleResources(rule: Dict = {}, target: Dict = {}): Record<string, Dict> {
  return {
    DemotestworkWorkrule1EventBridgeRule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventPattern: {
          source: ['aws.batch'],
          'detail-type': ['Batch Job State Change'],
          detail: {
            status: ['SUCCEEDED', 'FAILED'],
            jobQueue: [
              {
                'Fn::Sub':
                  'arn:${AWS::Partition}:batch:${AWS::Region}:${AWS::AccountId}:job-queue/demo-test-jobs',
              },
            ],
          },
        },
        Name: RULE_NAME,
        State: 'ENABLED',
        Targets: [
          { Arn: { 'Fn::GetAtt': ['WorkLambdaFunction', 'Arn'] }, Id: `${RULE_NAME}-target`, ...target },
        ],
        ...rule,
      },
    },
    WorkEventBridgeLambdaPermission1: {
      Type: 'AWS::Lambda::Permission',
      Properties: {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': ['WorkLambdaFunction', 'Arn'] },
        Principal: 'events.amazonaws.com',
        SourceArn: {
          'Fn::Join': [
            ':',
            [
              'arn',
              { Ref: 'AWS::Partition' },
              'events',
              { Ref: 'AWS::Region' },
              { Ref: 'AWS::AccountId' },
              { 'Fn::Join': ['/', ['rule', RULE_NAME]] },
            ],
          ],
        },
      },
    },
  };
}

/** The demo template with the rule (and, unless `permission` is false, its permission). */
export function templateWithRule(options: { rule?: Dict; target?: Dict; permission?: boolean } = {}) {
  const template = demoTemplate();
  const resources = eventRuleResources(options.rule, options.target);
  if (options.permission === false) delete resources.WorkEventBridgeLambdaPermission1;
  Object.assign(template.Resources, resources);
  return template;
}
