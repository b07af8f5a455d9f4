import { ConfigError } from '@seisless/core';
import type { PolicyDocument, RoleDef } from './model';
import { checkPolicy } from './policyCheck';
import { resourcesOfType, type ServiceTemplate } from './serviceTemplate';

type Dict = Record<string, unknown>;

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function trustedServices(document: unknown): string[] {
  const statements = asList((document as Dict | undefined)?.Statement) as Dict[];
  return statements
    .filter((statement) => statement.Effect === 'Allow')
    .flatMap((statement) => asList((statement.Principal as Dict | undefined)?.Service).map(String));
}

function policyDocument(value: unknown, where: string): PolicyDocument {
  const document = value as PolicyDocument | undefined;
  if (document === undefined || document.Statement === undefined) {
    throw new ConfigError(`${where}: PolicyDocument has no Statement; expected an IAM policy document`);
  }
  return document;
}

/** Customer managed policies of the template by ARN, with the roles they name. */
function managedPolicies(
  t: ServiceTemplate,
): Map<string, { name: string; document: PolicyDocument; roles: string[] }> {
  const policies = new Map<string, { name: string; document: PolicyDocument; roles: string[] }>();
  for (const [logicalId, props] of resourcesOfType(t, 'AWS::IAM::ManagedPolicy')) {
    const arn = t.physical[logicalId]?.ref ?? logicalId;
    policies.set(arn, {
      name: arn.split('/').pop() ?? arn,
      document: policyDocument(props.PolicyDocument, `${t.file}: ${logicalId}`),
      roles: asList(props.Roles).map(String),
    });
  }
  return policies;
}

function readRole(t: ServiceTemplate, logicalId: string, props: Dict): RoleDef {
  const name = t.physical[logicalId]?.ref ?? logicalId;
  const policies = (asList(props.Policies) as Dict[]).map((policy) => ({
    name: String(policy.PolicyName),
    document: policyDocument(
      policy.PolicyDocument,
      `${t.file}: ${logicalId} policy ${String(policy.PolicyName)}`,
    ),
  }));
  return {
    logicalId,
    service: t.service,
    name,
    arn: t.physical[logicalId]?.attributes.Arn ?? '',
    trustedServices: trustedServices(props.AssumeRolePolicyDocument),
    policies,
    managedPolicyArns: asList(props.ManagedPolicyArns).map(String),
  };
}

/** Attaches AWS::IAM::Policy resources (and customer managed policies) to the roles they name. */
function attachPolicies(t: ServiceTemplate, roles: RoleDef[], warnings: string[]): void {
  const byName = new Map(roles.map((role) => [role.name, role]));
  const attach = (roleName: string, name: string, document: PolicyDocument, where: string) => {
    const role = byName.get(roleName);
    if (role) role.policies.push({ name, document });
    else warnings.push(`${where}: role ${roleName} is not in this template; policy ${name} not attached`);
  };
  for (const [logicalId, props] of resourcesOfType(t, 'AWS::IAM::Policy')) {
    const name = String(props.PolicyName);
    const document = policyDocument(props.PolicyDocument, `${t.file}: ${logicalId}`);
    checkPolicy(document, { file: t.file, logicalId, role: asList(props.Roles).join(', ') || name });
    for (const roleName of asList(props.Roles))
      attach(String(roleName), name, document, `${t.service}.${logicalId}`);
  }
  const managed = managedPolicies(t);
  for (const [arn, policy] of managed) {
    for (const roleName of policy.roles)
      attach(roleName, policy.name, policy.document, `${t.service} ${arn}`);
  }
  for (const role of roles) {
    for (const arn of role.managedPolicyArns) {
      const policy = managed.get(arn);
      if (policy && !policy.roles.includes(role.name))
        role.policies.push({ name: policy.name, document: policy.document });
    }
  }
}

/** The template's IAM roles with their inline and attached policies, each checked as IAM would. */
export function readRoles(t: ServiceTemplate, warnings: string[]): RoleDef[] {
  const roles = resourcesOfType(t, 'AWS::IAM::Role').map(([logicalId, props]) =>
    readRole(t, logicalId, props),
  );
  attachPolicies(t, roles, warnings);
  for (const role of roles) {
    for (const policy of role.policies)
      checkPolicy(policy.document, { file: t.file, logicalId: role.logicalId, role: role.name });
  }
  return roles;
}
