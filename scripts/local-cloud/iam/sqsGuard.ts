import type { IamGate } from './gate';
import { sqsCheck } from './sqsChecks';

/** An SQS error reply in the JSON protocol, with the query-protocol code SDKs match on. */
export interface SqsDenial {
  readonly status: number;
  readonly body: { __type: string; message: string };
  /** `x-amzn-query-error`: the code clients of the query-compatible JSON protocol report. */
  readonly queryError: string;
}

type Headers = Record<string, string | string[] | undefined>;

function denial(status: number, type: string, queryCode: string, message: string): SqsDenial {
  return {
    status,
    body: { __type: `com.amazon.coral.service#${type}`, message },
    queryError: `${queryCode};Sender`,
  };
}

/**
 * Authorises one SQS request of the JSON protocol (`X-Amz-Target: AmazonSQS.<Action>`): refuses an
 * access key nobody holds (`InvalidClientTokenId`) and an unsigned call, and a call IAM denies with
 * `AccessDenied` naming the action, the queue ARN and the role. Undefined: let it through.
 */
export async function guardSqsRequest(
  gate: IamGate,
  headers: Headers,
  body: unknown,
): Promise<SqsDenial | undefined> {
  const target = String(headers['x-amz-target'] ?? '');
  if (!gate.enabled || !target.startsWith('AmazonSQS.')) return undefined;
  const authentication = gate.authenticate(headers);
  if (authentication.status === 'unsigned') {
    return denial(
      403,
      'MissingAuthenticationTokenException',
      'MissingClientTokenId',
      'Missing Authentication Token',
    );
  }
  if (authentication.status === 'unknown-key') {
    const message = 'The security token included in the request is invalid.';
    return denial(403, 'UnrecognizedClientException', 'InvalidClientTokenId', message);
  }
  const params = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const check = sqsCheck(target.slice('AmazonSQS.'.length), params, gate.policies);
  if (check === undefined || authentication.caller.kind === 'admin') return undefined;
  const decision = await gate.authorize(authentication.caller, [check]);
  return decision.allowed
    ? undefined
    : denial(403, 'AccessDeniedException', 'AccessDenied', decision.message);
}
