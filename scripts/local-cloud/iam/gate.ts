import { type Caller, CallerDirectory } from './callers';
import type { LocalCredentials } from './credentials';
import { type Decision, type EvaluatorOptions, type IamCheck, IamEvaluator } from './evaluator';
import type { IamPolicies } from './policies';
import { requestCredential } from './requestCredential';

/** Who a request comes from: a known caller, an access key nobody holds, or no signature at all. */
export type Authentication =
  | { readonly status: 'known'; readonly caller: Caller }
  | { readonly status: 'unknown-key'; readonly accessKeyId: string }
  | { readonly status: 'unsigned' };

type Headers = Record<string, string | string[] | undefined>;

/** IAM of the local cloud in one object: the principals and their credentials, and the evaluator. */
export class IamGate {
  readonly callers: CallerDirectory;
  readonly evaluator: IamEvaluator;

  constructor(
    readonly policies: IamPolicies,
    options: EvaluatorOptions = {},
  ) {
    this.callers = new CallerDirectory(policies.roles, policies);
    this.evaluator = new IamEvaluator(policies, options);
  }

  get enabled(): boolean {
    return this.policies.enabled;
  }

  /** Credentials of a role's session (a Lambda's, a Batch job's). */
  credentialsFor(roleArn: string, sessionName?: string): LocalCredentials {
    return this.callers.credentialsFor(roleArn, sessionName);
  }

  /** Identifies the caller of a signed request. */
  authenticate(headers: Headers, query: URLSearchParams = new URLSearchParams()): Authentication {
    const credential = requestCredential(headers, query);
    if (credential === undefined) return { status: 'unsigned' };
    const caller = this.callers.principalFor(credential.accessKeyId, credential.sessionToken);
    return caller === undefined
      ? { status: 'unknown-key', accessKeyId: credential.accessKeyId }
      : { status: 'known', caller };
  }

  /** Decides the checks of one call (recorded as used unless `used` is false). */
  authorize(caller: Caller, checks: readonly IamCheck[], used = true): Promise<Decision> {
    return this.evaluator.authorizeAll(caller, checks, used);
  }
}
