import { ConfigError } from '@seisless/core';
import type { PolicyDocument } from './model';

type Dict = Record<string, unknown>;

/**
 * `arn:partition:service:region:account:resource`, as IAM's policy parser accepts it: wildcards
 * allowed, region and account may be empty (S3, IAM), the account may be `aws` (managed policies).
 */
const ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|\*):[a-z0-9*?-]+:[a-z0-9*?-]*:(\d{12}|aws|[*?\d]*):.+$/;

/** Policy variables IAM substitutes at evaluation time (`${aws:username}`, `${*}`, …). */
const POLICY_VARIABLE = /\$\{(aws:[^}]+|s3:[^}]+|sts:[^}]+|[*?$])\}/g;

/** Why IAM would refuse this resource string, or undefined when it would accept it. */
export function resourceProblem(resource: unknown): string | undefined {
  if (typeof resource !== 'string') return `Resource ${JSON.stringify(resource)} is not a string`;
  if (resource === '*') return undefined;
  const text = resource.replace(POLICY_VARIABLE, 'x');
  if (/[#$]\{/.test(text)) return `Resource ${resource} holds an unresolved placeholder`;
  if (!ARN.test(text)) return `Resource ${resource} must be in ARN format or "*"`;
  return undefined;
}

function asList(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

export interface PolicyOwner {
  /** The template file. */
  file: string;
  /** Logical id of the role or policy resource. */
  logicalId: string;
  /** The role's name (or the policy's). */
  role: string;
}

/**
 * Fails as CloudFormation fails on IAM's answer (MalformedPolicyDocument, "The policy failed
 * legacy parsing") when a statement holds an unresolved `#{…}`/`${…}` placeholder or a resource
 * that is not an ARN: such a stack does not deploy, so the local cloud does not start either.
 */
export function checkPolicy(document: PolicyDocument, owner: PolicyOwner): void {
  for (const statement of asList(document.Statement) as Dict[]) {
    const strings = [...asList(statement.Action), ...asList(statement.NotAction)].map(String);
    const placeholder = strings.find((text) => /#\{|\$\{/.test(text));
    const problem =
      placeholder !== undefined
        ? `Action ${placeholder} holds an unresolved placeholder`
        : [...asList(statement.Resource), ...asList(statement.NotResource)]
            .map(resourceProblem)
            .find((found) => found !== undefined);
    if (problem !== undefined) {
      throw new ConfigError(
        `${owner.file}: ${owner.logicalId} (role ${owner.role}) - The policy failed legacy parsing ` +
          `(Service: AmazonIdentityManagement; Status Code: 400; Error Code: MalformedPolicyDocument): ${problem}`,
      );
    }
  }
}
