import type { PolicyDocument } from '../wiring/model';

const list = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];

/** An IAM action pattern (`s3:Get*`, `sqs:*`) as a case-insensitive regular expression. */
function actionPattern(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** The action patterns a policy allows (its `Allow` statements' `Action`s; `NotAction` is not a grant list). */
export function allowedActionPatterns(documents: readonly PolicyDocument[]): string[] {
  const patterns = new Set<string>();
  for (const document of documents) {
    for (const statement of list(document.Statement) as Record<string, unknown>[]) {
      if (statement.Effect !== 'Allow') continue;
      for (const action of list(statement.Action)) patterns.add(String(action));
    }
  }
  return [...patterns];
}

/**
 * The granted action patterns no used action matches: what least privilege would remove.
 *
 * @example
 * unusedGrants([{ Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }] }],
 *   ['s3:GetObject']); // ['s3:ListBucket']
 */
export function unusedGrants(documents: readonly PolicyDocument[], usedActions: readonly string[]): string[] {
  return allowedActionPatterns(documents).filter((pattern) => {
    const matches = actionPattern(pattern);
    return !usedActions.some((action) => matches.test(action));
  });
}
