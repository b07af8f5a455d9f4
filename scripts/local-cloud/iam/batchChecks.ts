import type { IamCheck } from './evaluator';

export interface BatchAccount {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/** Batch actions IAM authorises on `*` only (the Describe and List calls). */
const WILDCARD_ACTIONS = new Set([
  'DescribeJobs',
  'ListJobs',
  'DescribeJobQueues',
  'DescribeJobDefinitions',
  'DescribeComputeEnvironments',
]);

/** The REST path's action in its API spelling (`/v1/submitjob` → `SubmitJob`). */
const ACTION_NAMES: Record<string, string> = {
  submitjob: 'SubmitJob',
  describejobs: 'DescribeJobs',
  listjobs: 'ListJobs',
  terminatejob: 'TerminateJob',
  canceljob: 'CancelJob',
  describejobqueues: 'DescribeJobQueues',
  describejobdefinitions: 'DescribeJobDefinitions',
  describecomputeenvironments: 'DescribeComputeEnvironments',
};

/** `batch:<Action>` of a REST path, or undefined for a path that is no Batch action. */
export function batchAction(path: string): string | undefined {
  const name = ACTION_NAMES[path.toLowerCase().replace(/^\/v1\//, '')];
  return name === undefined ? undefined : `batch:${name}`;
}

/** A job queue or job definition named by name or ARN, as an ARN (`name:revision` for definitions). */
function arnOf(value: unknown, kind: 'job-queue' | 'job-definition', account: BatchAccount): string {
  const text = String(value ?? '');
  if (text.startsWith('arn:')) return text;
  const { partition, region, accountId } = account;
  return `arn:${partition}:batch:${region}:${accountId}:${kind}/${text}`;
}

/** A job definition as the checks need it, to name it by its ARN with its revision. */
export interface DefinitionName {
  readonly name: string;
  readonly arn: string;
  readonly revision: number;
}

/** The ARN (`…:job-definition/name:1`) of a definition given by name, `name:revision` or ARN. */
function definitionArn(reference: string, definitions: readonly DefinitionName[]): string | undefined {
  return definitions.find(
    (definition) =>
      definition.arn === reference ||
      definition.name === reference ||
      `${definition.name}:${definition.revision}` === reference,
  )?.arn;
}

/**
 * The IAM checks of a Batch API call, as Batch authorises it: SubmitJob on BOTH the job queue and
 * the job definition ARN; TerminateJob and CancelJob on the job ARN; the Describe and List calls on `*`.
 */
export function batchChecks(
  action: string,
  input: Record<string, unknown>,
  account: BatchAccount,
  definitions: readonly DefinitionName[],
): IamCheck[] {
  const bare = action.replace(/^batch:/, '');
  if (WILDCARD_ACTIONS.has(bare)) return [{ action, resource: '*' }];
  if (bare === 'SubmitJob') {
    const definition = String(input.jobDefinition ?? '');
    const { partition, region, accountId } = account;
    // Tags on SubmitJob also need batch:TagResource on the job being created.
    const tagged = Object.keys((input.tags ?? {}) as object).length > 0;
    const tagging = tagged
      ? [{ action: 'batch:TagResource', resource: `arn:${partition}:batch:${region}:${accountId}:job/*` }]
      : [];
    return [
      { action, resource: arnOf(input.jobQueue, 'job-queue', account) },
      {
        action,
        resource: definitionArn(definition, definitions) ?? arnOf(definition, 'job-definition', account),
      },
      ...tagging,
    ];
  }
  const { partition, region, accountId } = account;
  return [
    { action, resource: `arn:${partition}:batch:${region}:${accountId}:job/${String(input.jobId ?? '')}` },
  ];
}
