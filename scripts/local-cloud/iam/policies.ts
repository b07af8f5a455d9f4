import type { BucketDef, LambdaPermissionDef, PolicyDocument, RoleDef, Wiring } from '../wiring/model';

/**
 * Everything IAM needs to decide a call, in a JSON-serialisable form so that it reaches the S3 and
 * SQS children in their configuration: the roles with their inline policies, the bucket policies
 * and the functions' resource-based permissions.
 */
export interface IamPolicies {
  readonly enabled: boolean;
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly roles: readonly Pick<RoleDef, 'name' | 'arn' | 'policies'>[];
  readonly buckets: readonly BucketDef[];
  readonly lambdaPermissions: readonly LambdaPermissionDef[];
  /** Function name → ARN, to place the permissions on their functions. */
  readonly functionArns: Readonly<Record<string, string>>;
}

export function iamPolicies(wiring: Wiring, enabled: boolean): IamPolicies {
  return {
    enabled,
    partition: wiring.partition,
    region: wiring.region,
    accountId: wiring.accountId,
    roles: wiring.roles.map(({ name, arn, policies }) => ({ name, arn, policies })),
    buckets: wiring.buckets,
    lambdaPermissions: wiring.lambdaPermissions,
    functionArns: Object.fromEntries(wiring.functions.map((fn) => [fn.name, fn.arn])),
  };
}

/** The bucket of an S3 ARN (`arn:aws:s3:::bucket` or `…:::bucket/key`). */
export function bucketOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:s3:::([^/]+)/.exec(arn)?.[1];
}

/** The function name of a Lambda ARN. */
export function functionOfArn(arn: string): string | undefined {
  return /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(arn)?.[1];
}

/** The principal element of a Lambda permission: a service, an account or an ARN. */
function permissionPrincipal(principal: string): Record<string, string> | '*' {
  if (principal === '*') return '*';
  if (principal.endsWith('.amazonaws.com')) return { Service: principal };
  return { AWS: principal };
}

/**
 * The resource-based policy of a function, built from its AWS::Lambda::Permission resources as
 * Lambda itself does (`GetPolicy` shows the same statements): SourceArn becomes an `ArnLike` on
 * `AWS:SourceArn`, SourceAccount a `StringEquals` on `AWS:SourceAccount`.
 */
export function functionPolicy(
  permissions: readonly LambdaPermissionDef[],
  functionName: string,
  functionArn: string,
): PolicyDocument | undefined {
  const statements = permissions
    .filter(
      (permission) => permission.functionName === functionName || permission.functionName === functionArn,
    )
    .map((permission, index) => {
      const condition: Record<string, Record<string, string>> = {};
      if (permission.sourceArn) condition.ArnLike = { 'AWS:SourceArn': permission.sourceArn };
      if (permission.sourceAccount)
        condition.StringEquals = { 'AWS:SourceAccount': permission.sourceAccount };
      return {
        Sid: `permission-${index + 1}`,
        Effect: 'Allow',
        Principal: permissionPrincipal(permission.principal),
        Action: permission.action,
        Resource: functionArn,
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      };
    });
  return statements.length === 0 ? undefined : { Version: '2012-10-17', Statement: statements };
}

/** The resource-based policy that applies to a resource ARN, if any (bucket policy, function policy). */
export function resourcePolicyOf(policies: IamPolicies, resource: string): PolicyDocument | undefined {
  const bucket = bucketOfArn(resource);
  if (bucket !== undefined) return policies.buckets.find((def) => def.name === bucket)?.policy;
  const fn = functionOfArn(resource);
  if (fn !== undefined) {
    const arn = policies.functionArns[fn] ?? resource;
    return functionPolicy(policies.lambdaPermissions, fn, arn);
  }
  return undefined;
}
