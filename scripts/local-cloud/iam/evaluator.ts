import {
  getDenialReasons,
  runSimulation,
  runUnsafeSimulation,
  type Simulation,
} from '@cloud-copilot/iam-simulate';
import { accessDeniedMessage, type DenialReason } from './accessDenied';
import type { Caller } from './callers';
import { type IamPolicies, resourcePolicyOf } from './policies';
import type { IamUse } from './usage';

/** One authorisation: an IAM action on a resource ARN (`*` for wildcard-only actions). */
export interface IamCheck {
  readonly action: string;
  readonly resource: string;
  /**
   * AWS authorises the action on `resource` although the Service Authorization Reference lists no
   * resource type for it (so iam-simulate accepts only `*`): Step Functions' SendTask* on the state
   * machine that issued the token. Evaluated without the simulator's request validation.
   */
  readonly unlistedResourceType?: boolean;
}

export type Decision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly check: IamCheck; readonly message: string };

const ALLOWED: Decision = { allowed: true };

/** Above this many cached decisions the cache starts again (object ARNs are unbounded). */
const CACHE_LIMIT = 50_000;

export interface EvaluatorOptions {
  /** Called for every allowed call of a role that is recorded as used (callers dedupe). */
  onUse?: (use: IamUse) => void;
  /** Called for a simulation that could not run (a malformed policy or ARN). */
  log?: (line: string) => void;
  /** Called once per distinct denied (caller, action, resource), with the AccessDenied message. */
  onDeny?: (message: string) => void;
}

function callerKey(caller: Caller): string {
  if (caller.kind === 'role') return caller.principalArn;
  if (caller.kind === 'service') return `${caller.service}|${caller.sourceArn}|${caller.sourceAccount}`;
  return 'admin';
}

function denialReason(reasons: ReturnType<typeof getDenialReasons>, caller: Caller): DenialReason {
  const explicit = reasons.find((reason) => reason.denialType === 'Explicit');
  if (explicit) return explicit.policyType === 'resource' ? 'resource-deny' : 'identity-deny';
  return caller.kind === 'service' ? 'no-resource-allow' : 'no-identity-allow';
}

/**
 * Decides calls with @cloud-copilot/iam-simulate against the caller's identity policies and the
 * resource's policy, as IAM does within one account (allowed when either allows and nothing denies).
 * `aws:SecureTransport` is true: the local HTTP endpoints stand in for AWS's TLS-only ones, so a
 * TLS-only bucket policy behaves as it does on AWS. Decisions are cached per (caller, action,
 * resource), which keeps the hot paths (S3 GETs, SQS receives) at a map lookup.
 */
export class IamEvaluator {
  private readonly cache = new Map<string, Promise<Decision>>();
  private readonly roles: Map<string, IamPolicies['roles'][number]>;

  constructor(
    private readonly policies: IamPolicies,
    private readonly options: EvaluatorOptions = {},
  ) {
    this.roles = new Map(policies.roles.map((role) => [role.arn, role]));
  }

  get enabled(): boolean {
    return this.policies.enabled;
  }

  /**
   * Decides one call; the administrator and a disabled IAM are always allowed. An allowed call of a
   * role is recorded as used unless `used` is false (a permission consulted, not exercised).
   */
  async authorize(caller: Caller, check: IamCheck, used = true): Promise<Decision> {
    if (caller.kind === 'admin' || !this.policies.enabled) return ALLOWED;
    const key = `${callerKey(caller)}\n${check.action}\n${check.resource}`;
    let decision = this.cache.get(key);
    if (decision === undefined) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      decision = this.decide(caller, check);
      this.cache.set(key, decision);
    }
    const outcome = await decision;
    if (outcome.allowed && used) this.recordUse(caller, check);
    return outcome;
  }

  /** Records that a role used an allowed permission (S3's 404 exercises s3:ListBucket). */
  recordUse(caller: Caller, check: IamCheck): void {
    if (caller.kind === 'role') this.options.onUse?.({ roleArn: caller.roleArn, ...check });
  }

  /** Decides several checks (CopyObject, SubmitJob); the first denial wins. */
  async authorizeAll(caller: Caller, checks: readonly IamCheck[], used = true): Promise<Decision> {
    const decisions = await Promise.all(checks.map((check) => this.authorize(caller, check, used)));
    return decisions.find((decision) => !decision.allowed) ?? ALLOWED;
  }

  private async decide(caller: Caller, check: IamCheck): Promise<Decision> {
    if (check.unlistedResourceType) return this.decideUnvalidated(caller, check);
    // A simulator that throws denies the call (and says why) rather than failing the endpoint.
    const result = await runSimulation(this.simulation(caller, check), {}).catch(
      (error: unknown) => ({ resultType: 'error', errors: { message: String(error) } }) as const,
    );
    if (result.resultType === 'error') {
      const detail = result.errors.message;
      this.options.log?.(`iam: cannot evaluate ${check.action} on ${check.resource}: ${detail}`);
      const message = accessDeniedMessage(caller, check.action, check.resource, 'invalid-request', detail);
      return { allowed: false, check, message };
    }
    const analysis = result.resultType === 'single' ? result.result.analysis : undefined;
    if (result.overallResult === 'Allowed') return ALLOWED;
    const reason = denialReason(analysis ? getDenialReasons(analysis) : [], caller);
    const message = accessDeniedMessage(caller, check.action, check.resource, reason);
    this.options.onDeny?.(message);
    return { allowed: false, check, message };
  }

  /** {@link IamCheck.unlistedResourceType}: the same policies, without the request validation. */
  private decideUnvalidated(caller: Caller, check: IamCheck): Decision {
    const result = runUnsafeSimulation(this.simulation(caller, check), {});
    if (result === 'Allowed') return ALLOWED;
    const reason: DenialReason = result === 'ExplicitlyDenied' ? 'identity-deny' : 'no-identity-allow';
    const message = accessDeniedMessage(caller, check.action, check.resource, reason);
    this.options.onDeny?.(message);
    return { allowed: false, check, message };
  }

  private simulation(caller: Caller, check: IamCheck): Simulation {
    const { accountId } = this.policies;
    const context: Record<string, string> = { 'aws:SecureTransport': 'true' };
    let principal: string;
    let identityPolicies: Simulation['identityPolicies'] = [];
    if (caller.kind === 'role') {
      principal = caller.principalArn;
      context['aws:PrincipalArn'] = caller.roleArn;
      context['aws:PrincipalAccount'] = accountId;
      identityPolicies = (this.roles.get(caller.roleArn)?.policies ?? []).map(({ name, document }) => ({
        name,
        policy: document,
      }));
    } else {
      principal = caller.kind === 'service' ? caller.service : 'admin';
      if (caller.kind === 'service' && caller.sourceArn) context['aws:SourceArn'] = caller.sourceArn;
      if (caller.kind === 'service' && caller.sourceAccount)
        context['aws:SourceAccount'] = caller.sourceAccount;
    }
    return {
      request: {
        principal,
        action: check.action,
        resource: { resource: check.resource, accountId },
        contextVariables: context,
      },
      identityPolicies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicyOf(this.policies, check.resource),
    };
  }
}
