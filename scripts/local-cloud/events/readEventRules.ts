import { ConfigError } from '@seisless/core';
import type { EventRuleDef, EventTargetDef } from '../wiring/model';
import { functionNameOf, resourcesOfType, type ServiceTemplate } from '../wiring/serviceTemplate';
import { compilePattern } from './eventPattern';
import { inputPathSteps } from './targetInput';

type Dict = Record<string, unknown>;

/** A Lambda function ARN, possibly with a qualifier (`:function:<name>[:<alias or version>]`). */
const FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:[^:]+(:[^:]+)?$/;

/** Target properties that change how EventBridge delivers but are not emulated (listed at start-up). */
const IGNORED_TARGET_PROPERTIES = ['DeadLetterConfig', 'RetryPolicy'];

/** The default bus: no EventBusName, `default`, or the ARN of the account's default bus. */
const onDefaultBus = (bus: unknown): boolean =>
  bus === undefined ||
  bus === 'default' ||
  /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/default$/.test(String(bus));

function readTarget(raw: Dict, label: string, warn: (line: string) => void): EventTargetDef {
  const id = String(raw.Id ?? '(no Id)');
  const arn = String(raw.Arn ?? '');
  if (!FUNCTION_ARN.test(arn)) {
    throw new ConfigError(
      `${label}: target ${id} is ${arn || '(no Arn)'}; the local cloud delivers EventBridge events only ` +
        'to Lambda functions (arn:aws:lambda:<region>:<account>:function:<name>)',
    );
  }
  if (raw.InputTransformer !== undefined) {
    throw new ConfigError(
      `${label}: target ${id} has an InputTransformer, which the local cloud does not emulate; use Input or InputPath`,
    );
  }
  if (raw.Input !== undefined && raw.InputPath !== undefined) {
    throw new ConfigError(
      `${label}: target ${id} sets both Input and InputPath; EventBridge takes one of them`,
    );
  }
  for (const property of IGNORED_TARGET_PROPERTIES) {
    if (raw[property] !== undefined) warn(`target ${id} ${property} is not emulated`);
  }
  return {
    id,
    functionName: functionNameOf(arn),
    functionArn: arn.split(':').slice(0, 7).join(':'),
    ...input(raw, label, id),
  };
}

function input(raw: Dict, label: string, id: string): Pick<EventTargetDef, 'input' | 'inputPath'> {
  if (raw.Input !== undefined) {
    try {
      JSON.parse(String(raw.Input));
    } catch (error) {
      throw new ConfigError(`${label}: target ${id} Input is not JSON text (${String(error)})`, {
        cause: error,
      });
    }
    return { input: String(raw.Input) };
  }
  if (raw.InputPath === undefined) return {};
  const path = String(raw.InputPath);
  if (inputPathSteps(path) === undefined) {
    throw new ConfigError(
      `${label}: target ${id} InputPath ${path} is not a form the local cloud reads; expected $, $.a.b or $.a[0]`,
    );
  }
  return { inputPath: path };
}

function readRule(
  t: ServiceTemplate,
  logicalId: string,
  props: Dict,
  warnings: string[],
): EventRuleDef | undefined {
  const name = t.physical[logicalId]?.ref ?? logicalId;
  const label = `${t.file}: ${logicalId} (rule ${name})`;
  if (!onDefaultBus(props.EventBusName)) {
    throw new ConfigError(
      `${label} is on the event bus ${String(props.EventBusName)}; the local cloud emulates only the default ` +
        'event bus (EventBusName absent or "default")',
    );
  }
  if (props.ScheduleExpression !== undefined) {
    warnings.push(
      `${t.service}.${logicalId}: ScheduleExpression ${String(props.ScheduleExpression)} is not emulated`,
    );
  }
  if (props.EventPattern === undefined) {
    if (props.ScheduleExpression === undefined)
      throw new ConfigError(`${label} has neither EventPattern nor ScheduleExpression`);
    return undefined;
  }
  compilePattern(props.EventPattern, label);
  const pattern =
    typeof props.EventPattern === 'string'
      ? (JSON.parse(props.EventPattern) as Dict)
      : (props.EventPattern as Dict);
  const targets = (Array.isArray(props.Targets) ? props.Targets : []) as Dict[];
  return {
    logicalId,
    service: t.service,
    name,
    arn: t.physical[logicalId]?.attributes.Arn ?? '',
    state: String(props.State ?? 'ENABLED'),
    pattern,
    targets: targets.map((target) =>
      readTarget(target, label, (line) => warnings.push(`${t.service}.${logicalId}: ${line}`)),
    ),
  };
}

/**
 * The AWS::Events::Rule resources with an EventPattern, checked as start-up must: the default bus
 * only, emulated pattern operators only, Lambda targets with Input or InputPath only (else a
 * ConfigError naming the rule). Scheduled rules and ignored target settings become warnings.
 */
export function readEventRules(t: ServiceTemplate, warnings: string[]): EventRuleDef[] {
  return resourcesOfType(t, 'AWS::Events::Rule').flatMap(
    ([logicalId, props]) => readRule(t, logicalId, props, warnings) ?? [],
  );
}
