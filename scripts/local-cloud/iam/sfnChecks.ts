import type { IamCheck } from './evaluator';

export interface SfnAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** The state machine whose execution issued a task token; undefined for a token the cloud never issued. */
export type TokenOwnerLookup = (taskToken: unknown) => string | undefined;

/** Actions IAM authorises on `*` only. */
const WILDCARD_ACTIONS = new Set(['ListStateMachines', 'ListActivities', 'CreateStateMachine']);

/** Callback actions: authorised on the state machine of the execution that issued the token. */
const TOKEN_ACTIONS = new Set(['SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat']);

/**
 * The IAM check of a Step Functions API call: `states:<Action>` on the state machine
 * (`stateMachineArn`) or the execution (`executionArn`); `ListExecutions` on its state machine;
 * `ListStateMachines` on `*`; `SendTaskSuccess`/`SendTaskFailure`/`SendTaskHeartbeat` on the state
 * machine whose execution issued `taskToken` (what AWS CDK's `grantTaskResponse` grants), looked up
 * with `tokenOwner`.
 */
export function sfnCheck(
  apiAction: string,
  input: Record<string, unknown>,
  account: SfnAccount,
  tokenOwner: TokenOwnerLookup = () => undefined,
): IamCheck {
  const action = `states:${apiAction}`;
  if (WILDCARD_ACTIONS.has(apiAction)) return { action, resource: '*' };
  const { partition, region, accountId } = account;
  // A request without the ARN is refused by the action itself; authorise it on the account's
  // machines. So is a token never issued here (InvalidToken): any grant of the action on a machine
  // of the account lets the caller hear that.
  const accountMachines = `arn:${partition}:states:${region}:${accountId}:stateMachine:*`;
  if (TOKEN_ACTIONS.has(apiAction)) {
    // The reference lists no resource type for these actions; AWS checks them on the state machine.
    const resource = tokenOwner(input.taskToken) ?? accountMachines;
    return { action, resource, unlistedResourceType: true };
  }
  const arn = input.executionArn ?? input.stateMachineArn;
  return { action, resource: typeof arn === 'string' && arn !== '' ? arn : accountMachines };
}
