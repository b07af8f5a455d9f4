import { readWiring } from '../../../../scripts/local-cloud/wiring/loadWiring';
import { packagedTemplate, SCOPE } from '../wiring/packagedTemplate';
import { RULE_NAME, templateWithRule } from './ruleTemplate';

const ACCOUNT = '000000000000';
const RULE_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:rule/${RULE_NAME}`;
const WORK_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:demo-test-work`;

const read = (options: Parameters<typeof templateWithRule>[0] = {}) =>
  readWiring([packagedTemplate(templateWithRule(options))], SCOPE);

describe('readWiring: EventBridge rules of the default bus', () => {
  it('reads the rule serverless generates: name, ARN, state, resolved pattern and Lambda target', () => {
    const wiring = read();

    expect(wiring.eventRules).toEqual([
      {
        logicalId: 'DemotestworkWorkrule1EventBridgeRule',
        service: 'demo',
        name: RULE_NAME,
        arn: RULE_ARN,
        state: 'ENABLED',
        pattern: {
          source: ['aws.batch'],
          'detail-type': ['Batch Job State Change'],
          detail: {
            status: ['SUCCEEDED', 'FAILED'],
            jobQueue: [`arn:aws:batch:eu-west-1:${ACCOUNT}:job-queue/demo-test-jobs`],
          },
        },
        targets: [{ id: `${RULE_NAME}-target`, functionName: 'demo-test-work', functionArn: WORK_ARN }],
      },
    ]);
    expect(wiring.unsupportedResources.join('\n')).not.toContain('AWS::Events::Rule');
  });

  it("reads the function's permission for events.amazonaws.com with the rule's ARN as SourceArn", () => {
    const wiring = read();

    expect(wiring.lambdaPermissions).toContainEqual({
      functionName: 'demo-test-work',
      action: 'lambda:InvokeFunction',
      principal: 'events.amazonaws.com',
      sourceArn: RULE_ARN,
    });
  });

  it('loads a rule whose function has no permission (EventBridge then cannot invoke it)', () => {
    const wiring = read({ permission: false });

    expect(wiring.eventRules).toHaveLength(1);
    expect(wiring.lambdaPermissions.filter((p) => p.principal === 'events.amazonaws.com')).toEqual([]);
  });

  it('gives an unnamed rule the name CloudFormation generates, and keeps a DISABLED rule', () => {
    const wiring = read({ rule: { Name: undefined, State: 'DISABLED', EventBusName: 'default' } });
    const [rule] = wiring.eventRules;

    expect(rule?.name).toMatch(/^demo-test-DemotestworkWorkrule1EventBridgeRule-[0-9A-F]{12}$/);
    expect(rule?.arn).toBe(`arn:aws:events:eu-west-1:${ACCOUNT}:rule/${rule?.name}`);
    expect(rule?.state).toBe('DISABLED');
  });

  it('keeps a target Input (JSON text) or InputPath, and a pattern given as JSON text', () => {
    const input = read({ target: { Input: '{"a":1}' } }).eventRules[0]?.targets[0];
    const path = read({
      rule: { EventPattern: '{"source":["aws.batch"]}' },
      target: { InputPath: '$.detail' },
    }).eventRules[0];

    expect(input?.input).toBe('{"a":1}');
    expect(path?.targets[0]?.inputPath).toBe('$.detail');
    expect(path?.pattern).toEqual({ source: ['aws.batch'] });
  });

  it('lists a scheduled rule as not emulated and settings of targets it ignores', () => {
    const scheduled = read({ rule: { EventPattern: undefined, ScheduleExpression: 'rate(5 minutes)' } });
    const withDlq = read({ target: { DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:0:dlq' } } });

    expect(scheduled.eventRules).toEqual([]);
    expect(scheduled.warnings).toContain(
      'demo.DemotestworkWorkrule1EventBridgeRule: ScheduleExpression rate(5 minutes) is not emulated',
    );
    expect(withDlq.warnings.join('\n')).toContain(
      `target ${RULE_NAME}-target DeadLetterConfig is not emulated`,
    );
  });
});

describe('readWiring: EventBridge rules start-up refuses', () => {
  const refusal = (options: Parameters<typeof templateWithRule>[0]) => {
    try {
      read(options);
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected start-up to fail');
  };

  it('refuses a rule on another event bus, naming it', () => {
    const error = refusal({ rule: { EventBusName: 'custom-bus' } });

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(
      `DemotestworkWorkrule1EventBridgeRule (rule ${RULE_NAME}) is on the event bus custom-bus`,
    );
    expect(error.message).toContain('emulates only the default event bus');
  });

  it('refuses a target that is not a Lambda function', () => {
    const error = refusal({ target: { Arn: `arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-dlq` } });

    expect(error.message).toContain(
      `(rule ${RULE_NAME}): target ${RULE_NAME}-target is arn:aws:sqs:eu-west-1:${ACCOUNT}:demo-test-dlq; ` +
        'the local cloud delivers EventBridge events only to Lambda functions',
    );
  });

  it.each([
    ['an InputTransformer', { InputTransformer: { InputTemplate: '"x"' } }, 'has an InputTransformer'],
    ['Input and InputPath', { Input: '{}', InputPath: '$.detail' }, 'sets both Input and InputPath'],
    ['Input that is not JSON', { Input: '{a' }, 'Input is not JSON text'],
    ['an InputPath with a filter', { InputPath: '$.detail[?(@.x)]' }, 'is not a form the local cloud reads'],
  ])('refuses %s, naming the rule', (_what, target, problem) => {
    const error = refusal({ target });

    expect(error.message).toContain(`(rule ${RULE_NAME}): target ${RULE_NAME}-target`);
    expect(error.message).toContain(problem);
  });

  it('refuses a pattern operator it does not emulate, naming the rule and the operator', () => {
    const error = refusal({ rule: { EventPattern: { detail: { jobName: [{ suffix: '-gradient' }] } } } });

    expect(error.name).toBe('ConfigError');
    expect(error.message).toContain(`(rule ${RULE_NAME}): EventPattern field detail.jobName`);
    expect(error.message).toContain("the operator 'suffix' is not emulated");
  });
});
