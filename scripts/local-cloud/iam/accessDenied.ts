import type { Caller } from './callers';

/** How a denial came about, in the words AWS uses in its AccessDenied messages. */
export type DenialReason =
  | 'no-identity-allow'
  | 'no-resource-allow'
  | 'identity-deny'
  | 'resource-deny'
  | 'invalid-request';

function callerName(caller: Caller): string {
  if (caller.kind === 'role') return `User: ${caller.principalArn}`;
  if (caller.kind === 'service') return `The service ${caller.service}`;
  return 'User: admin';
}

function because(reason: DenialReason, action: string, detail: string | undefined): string {
  switch (reason) {
    case 'identity-deny':
      return 'with an explicit deny in an identity-based policy';
    case 'resource-deny':
      return 'with an explicit deny in a resource-based policy';
    case 'no-resource-allow':
      return `because no resource-based policy allows the ${action} action`;
    case 'invalid-request':
      return `because the policy simulation failed: ${detail ?? 'unknown error'}`;
    default:
      return `because no identity-based policy allows the ${action} action`;
  }
}

/**
 * The message AWS gives a denied call: `User: arn:aws:sts::<account>:assumed-role/<role>/<session> is
 * not authorized to perform: <action> on resource: <arn> because no identity-based policy allows the
 * <action> action` (or `with an explicit deny in …`).
 */
export function accessDeniedMessage(
  caller: Caller,
  action: string,
  resource: string,
  reason: DenialReason,
  detail?: string,
): string {
  return `${callerName(caller)} is not authorized to perform: ${action} on resource: ${resource} ${because(reason, action, detail)}`;
}
