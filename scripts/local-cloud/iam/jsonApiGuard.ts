import { ApiError, type HttpRequest } from '../http';
import type { IamCheck } from './evaluator';
import type { IamGate } from './gate';

/** How a JSON API (Step Functions, Batch) reports a denied call. */
export interface DenialStyle {
  /** HTTP status of AccessDeniedException: 400 for Step Functions, 403 for Batch. */
  readonly accessDeniedStatus: number;
}

/**
 * Authenticates and authorises a call of a JSON API before its action runs, throwing the error the
 * API gives: `UnrecognizedClientException` for an access key nobody holds,
 * `MissingAuthenticationTokenException` for an unsigned call, `AccessDeniedException` naming the
 * action, the resource and the role for a denied one. Nothing is checked when IAM is off.
 */
export async function guardJsonRequest(
  gate: IamGate | undefined,
  request: HttpRequest,
  checks: () => IamCheck[],
  style: DenialStyle,
): Promise<void> {
  if (gate === undefined || !gate.enabled) return;
  const authentication = gate.authenticate(request.headers);
  if (authentication.status === 'unsigned') {
    throw new ApiError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  if (authentication.status === 'unknown-key') {
    throw new ApiError(
      400,
      'UnrecognizedClientException',
      'The security token included in the request is invalid.',
    );
  }
  const decision = await gate.authorize(authentication.caller, checks());
  if (!decision.allowed)
    throw new ApiError(style.accessDeniedStatus, 'AccessDeniedException', decision.message);
}
