/** One allowed call of a role: what the least-privilege report is made of. */
export interface IamUse {
  readonly roleArn: string;
  readonly action: string;
  readonly resource: string;
}

/** What one role was allowed and used, and what it is granted but never used. */
export interface RoleUsage {
  readonly role: string;
  /** Action → the resources it was allowed and used on. */
  readonly actions: Record<string, string[]>;
  /** Every action pattern the role's inline policies allow. */
  readonly grants: string[];
  /** Granted action patterns no used action matches (see unusedGrants). */
  readonly unusedGrants: string[];
}

/** Per role ARN. */
export type IamUsageReport = Record<string, RoleUsage>;

/** Records every (role, action, resource) that was allowed and used, once each. */
export class IamUsage {
  private readonly byRole = new Map<string, Map<string, Set<string>>>();

  /** Adds a use; true when it was not known before (only new uses travel from the children). */
  record(use: IamUse): boolean {
    const actions = this.byRole.get(use.roleArn) ?? new Map<string, Set<string>>();
    this.byRole.set(use.roleArn, actions);
    const resources = actions.get(use.action) ?? new Set<string>();
    actions.set(use.action, resources);
    if (resources.has(use.resource)) return false;
    resources.add(use.resource);
    return true;
  }

  /** Action → resources of one role, sorted. */
  used(roleArn: string): Record<string, string[]> {
    const actions = [...(this.byRole.get(roleArn) ?? new Map<string, Set<string>>())];
    actions.sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(actions.map(([action, resources]) => [action, [...resources].sort()]));
  }
}

/** Whether a use message (from a child over IPC) is well formed. */
export function isIamUse(value: unknown): value is IamUse {
  const use = value as Partial<IamUse> | null;
  return (
    typeof use?.roleArn === 'string' && typeof use.action === 'string' && typeof use.resource === 'string'
  );
}

/** In a child server: sends each use to the parent once (IPC message `iamUse`). */
export function reportNewUses(
  send: (message: object) => unknown = (message) => process.send?.(message),
): (use: IamUse) => void {
  const seen = new IamUsage();
  return (use) => {
    if (seen.record(use)) send({ type: 'iamUse', ...use });
  };
}

/** In a child server: a denial goes to stderr, which the parent forwards to the cloud's log. */
export function logDenial(message: string): void {
  process.stderr.write(`iam: denied: ${message}\n`);
}
