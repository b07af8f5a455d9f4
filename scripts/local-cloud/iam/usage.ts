/** One allowed call of a role: what the least-privilege report is made of. */
export interface IamUse {
  readonly roleArn: string;
  readonly action: string;
  readonly resource: string;
}

/** Per role ARN: action → resources it was allowed and used on. */
export type IamUsageReport = Record<string, { actions: Record<string, string[]> }>;

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

  report(): IamUsageReport {
    const report: IamUsageReport = {};
    for (const [roleArn, actions] of [...this.byRole].sort(([a], [b]) => a.localeCompare(b))) {
      const entries = [...actions].sort(([a], [b]) => a.localeCompare(b));
      report[roleArn] = {
        actions: Object.fromEntries(entries.map(([action, resources]) => [action, [...resources].sort()])),
      };
    }
    return report;
  }
}

/** Whether a use message (from a child over IPC) is well formed. */
export function isIamUse(value: unknown): value is IamUse {
  const use = value as Partial<IamUse> | null;
  return (
    typeof use?.roleArn === 'string' && typeof use.action === 'string' && typeof use.resource === 'string'
  );
}
