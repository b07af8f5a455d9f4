import type { Caller } from '../iam/callers';
import type { IamGate } from '../iam/gate';
import type { EventRuleDef, EventTargetDef } from '../wiring/model';

/** The service principal EventBridge invokes targets as. */
export const EVENTS_PRINCIPAL = 'events.amazonaws.com';

/**
 * Whether EventBridge may invoke a rule's Lambda target: the function's resource-based policy (its
 * AWS::Lambda::Permission resources) must let `events.amazonaws.com` call lambda:InvokeFunction with
 * the rule's ARN as SourceArn, as serverless generates it. Undefined, or what is missing.
 */
export function eventTargetAuthorizer(gate: IamGate, accountId: string) {
  return async (rule: EventRuleDef, target: EventTargetDef): Promise<string | undefined> => {
    const caller: Caller = {
      kind: 'service',
      service: EVENTS_PRINCIPAL,
      sourceArn: rule.arn,
      sourceAccount: accountId,
    };
    const decision = await gate.authorize(caller, [
      { action: 'lambda:InvokeFunction', resource: target.functionArn },
    ]);
    if (decision.allowed) return undefined;
    return (
      `no AWS::Lambda::Permission lets ${EVENTS_PRINCIPAL} call lambda:InvokeFunction on it with ` +
      `SourceArn ${rule.arn} (${decision.message})`
    );
  };
}
