import type { Template } from './template';

/** Whether an action has no resource-level permissions (`@cloud-copilot/iam-simulate`). */
export type IsWildcardOnly = (service: string, action: string) => Promise<boolean>;

export interface WildcardGrant {
  /** Where the statement is: `<resource id> <policy name> statement <n>`. */
  readonly where: string;
  readonly action: string;
  /** Why it is reported. */
  readonly reason: string;
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
}

/**
 * Allow statements that grant `Resource: '*'` for an action AWS can scope to resources. Actions
 * with wildcards (`s3:*`), `NotAction` and unknown actions are reported too: none of them can be
 * shown to be wildcard-only.
 *
 * @example
 * await wildcardGrants(template, isWildcardOnlyAction); // [{ where, action: 'batch:SubmitJob', … }]
 */
export async function wildcardGrants(
  template: Template,
  isWildcardOnly: IsWildcardOnly,
): Promise<WildcardGrant[]> {
  const grants: WildcardGrant[] = [];
  for (const { where, statement } of policyStatements(template)) {
    if (statement.Effect !== 'Allow' || !list(statement.Resource).includes('*')) continue;
    if (statement.NotAction !== undefined) {
      grants.push({
        where,
        action: String(list(statement.NotAction)),
        reason: 'NotAction on every resource',
      });
    }
    for (const action of list(statement.Action).map(String)) {
      const reason = await whyReported(action, isWildcardOnly);
      if (reason) grants.push({ where, action, reason });
    }
  }
  return grants;
}

async function whyReported(action: string, isWildcardOnly: IsWildcardOnly): Promise<string | undefined> {
  const [service, name] = action.split(':');
  if (!service || !name) return 'not a service:action pair';
  if (name.includes('*') || name.includes('?')) return 'an action pattern on every resource';
  try {
    return (await isWildcardOnly(service, name)) ? undefined : 'supports resource-level permissions';
  } catch {
    return 'unknown action';
  }
}

/** Every statement of the template's IAM roles, policies and managed policies. */
function* policyStatements(template: Template): Generator<{ where: string; statement: Statement }> {
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const properties = resource.Properties ?? {};
    const documents: { name: string; document: unknown }[] = [];
    if (
      resource.Type === 'AWS::IAM::Role' ||
      resource.Type === 'AWS::IAM::User' ||
      resource.Type === 'AWS::IAM::Group'
    ) {
      for (const policy of list(properties.Policies) as Record<string, unknown>[]) {
        documents.push({ name: String(policy.PolicyName ?? 'inline'), document: policy.PolicyDocument });
      }
    } else if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') {
      documents.push({ name: String(properties.PolicyName ?? id), document: properties.PolicyDocument });
    }
    for (const { name, document } of documents) {
      const statements = list((document as { Statement?: unknown } | undefined)?.Statement);
      for (const [index, statement] of statements.entries()) {
        yield { where: `${id} ${name} statement ${index}`, statement: statement as Statement };
      }
    }
  }
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
