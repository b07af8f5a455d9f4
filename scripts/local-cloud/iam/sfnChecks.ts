import type { IamCheck } from './evaluator';

export interface SfnAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Actions IAM authorises on `*` only. */
const WILDCARD_ACTIONS = new Set(['ListStateMachines', 'ListActivities', 'CreateStateMachine']);

/**
 * The IAM check of a Step Functions API call: `states:<Action>` on the state machine
 * (`stateMachineArn`) or the execution (`executionArn`); `ListExecutions` on its state machine;
 * `ListStateMachines` on `*`.
 */
export function sfnCheck(apiAction: string, input: Record<string, unknown>, account: SfnAccount): IamCheck {
  const action = `states:${apiAction}`;
  if (WILDCARD_ACTIONS.has(apiAction)) return { action, resource: '*' };
  const arn = input.executionArn ?? input.stateMachineArn;
  if (typeof arn === 'string' && arn !== '') return { action, resource: arn };
  const { partition, region, accountId } = account;
  // A request without the ARN is refused by the action itself; authorise it on the account's machines.
  return { action, resource: `arn:${partition}:states:${region}:${accountId}:stateMachine:*` };
}
