import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { S3Subscription, SqsMapping, StateMachineDef, Wiring } from '../wiring/model';
import { ADMIN_CREDENTIALS, type LocalCredentials } from './credentials';
import { IamGate } from './gate';
import { iamPolicies } from './policies';
import { allowedActionPatterns, unusedGrants } from './unusedGrants';
import { IamUsage, type IamUsageReport, isIamUse } from './usage';

/** The actions Lambda needs on a queue to poll it for an event source mapping. */
export const SQS_POLLING_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

/**
 * IAM of a running local cloud: the gate the endpoints authorise with, the credentials handed to
 * Lambdas and Batch jobs, the checks made on behalf of AWS services (the state machine invoking a
 * Task's function, an event source mapping polling its queue, S3 invoking a notified function), and
 * the record of what each role was allowed and used.
 */
export class LocalIam {
  readonly gate: IamGate;
  private readonly usage = new IamUsage();
  private readonly functionRoles: Map<string, { arn: string; roleArn: string }>;

  constructor(
    private readonly wiring: Wiring,
    enabled: boolean,
    log: (line: string) => void,
  ) {
    this.gate = new IamGate(iamPolicies(wiring, enabled), {
      onUse: (use) => this.usage.record(use),
      onDeny: (message) => log(`iam: denied: ${message}`),
      log,
    });
    if (!enabled)
      log('iam: off, every call is allowed (for debugging only: what passes here may fail on AWS)');
    this.functionRoles = new Map(
      wiring.functions.map((fn) => [fn.name, { arn: fn.arn, roleArn: fn.roleArn }]),
    );
  }

  get policies() {
    return this.gate.policies;
  }

  /** Credentials of a role's session; the administrator's for an empty role (loose state machines). */
  credentialsFor(roleArn: string, sessionName?: string): LocalCredentials {
    return roleArn === '' ? ADMIN_CREDENTIALS : this.gate.credentialsFor(roleArn, sessionName);
  }

  /** A use reported by a child (S3, SQS) over IPC. */
  recordChildMessage(message: Record<string, unknown>): void {
    if (message.type === 'iamUse' && isIamUse(message)) {
      const { roleArn, action, resource } = message;
      this.usage.record({ roleArn, action, resource });
    }
  }

  /** Whether a state machine's role may invoke a Task's function: undefined, or the denial message. */
  async authorizeInvoke(machine: StateMachineDef, execution: string, functionName: string) {
    if (machine.roleArn === '') return undefined;
    const resource = this.functionRoles.get(functionName)?.arn ?? this.functionArn(functionName);
    const caller = this.gate.callers.roleCaller(machine.roleArn, execution);
    const decision = await this.gate.authorize(caller, [{ action: 'lambda:InvokeFunction', resource }]);
    return decision.allowed ? undefined : decision.message;
  }

  /**
   * Whether an SQS mapping may run: its function's role needs ReceiveMessage, DeleteMessage and
   * GetQueueAttributes on the queue, or AWS refuses to create the mapping. Undefined, or why not.
   */
  async authorizePolling(mapping: SqsMapping): Promise<string | undefined> {
    const fn = this.functionRoles.get(mapping.functionName);
    if (fn === undefined) return undefined;
    const caller = this.gate.callers.roleCaller(fn.roleArn, mapping.functionName);
    const checks = SQS_POLLING_ACTIONS.map((action) => ({ action, resource: mapping.queueArn }));
    const decision = await this.gate.authorize(caller, checks);
    if (decision.allowed) return undefined;
    return `The provided execution role does not have permissions to call ${decision.check.action.replace('sqs:', '')} on SQS: ${decision.message}`;
  }

  /**
   * Whether S3 may invoke a subscribed function: a resource-based permission must let
   * `s3.amazonaws.com` invoke it with the bucket as SourceArn (and the account as SourceAccount).
   */
  async authorizeNotification(subscription: S3Subscription): Promise<string | undefined> {
    const { partition, accountId } = this.wiring;
    const resource =
      this.functionRoles.get(subscription.functionName)?.arn ?? this.functionArn(subscription.functionName);
    const caller = {
      kind: 'service' as const,
      service: 's3.amazonaws.com',
      sourceArn: `arn:${partition}:s3:::${subscription.bucket}`,
      sourceAccount: accountId,
    };
    const decision = await this.gate.authorize(caller, [{ action: 'lambda:InvokeFunction', resource }]);
    return decision.allowed ? undefined : decision.message;
  }

  /**
   * The wiring with only the event sources AWS would run: SQS mappings whose function's role may
   * poll the queue, S3 notifications whose function lets S3 invoke it. Each one dropped is logged.
   */
  async permittedEventSources(log: (line: string) => void): Promise<Wiring> {
    const keep = async <T>(
      items: T[],
      why: (item: T) => Promise<string | undefined>,
      name: (item: T) => string,
    ) => {
      const refusals = await Promise.all(items.map(why));
      refusals.forEach((refusal, index) => {
        if (refusal !== undefined) log(`iam: ${name(items[index] as T)} does not run: ${refusal}`);
      });
      return items.filter((_, index) => refusals[index] === undefined);
    };
    const sqsMappings = await keep(
      this.wiring.sqsMappings,
      (mapping) => this.authorizePolling(mapping),
      (mapping) => `event source mapping ${mapping.queueName} → ${mapping.functionName}`,
    );
    const s3Subscriptions = await keep(
      this.wiring.s3Subscriptions,
      (subscription) => this.authorizeNotification(subscription),
      (subscription) =>
        `S3 notification ${subscription.bucket} ${subscription.event} → ${subscription.functionName}`,
    );
    return { ...this.wiring, sqsMappings, s3Subscriptions };
  }

  /** Per role of the templates: the (action, resource) pairs allowed and used, and the unused grants. */
  usageReport(): IamUsageReport {
    const report: IamUsageReport = {};
    for (const role of [...this.wiring.roles].sort((a, b) => a.arn.localeCompare(b.arn))) {
      const actions = this.usage.used(role.arn);
      const documents = role.policies.map((policy) => policy.document);
      report[role.arn] = {
        role: role.name,
        actions,
        grants: allowedActionPatterns(documents),
        unusedGrants: unusedGrants(documents, Object.keys(actions)),
      };
    }
    return report;
  }

  /** Writes, per role, every (action, resource) allowed and used, as JSON. */
  writeUsage(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(this.usageReport(), null, 2)}\n`);
  }

  private functionArn(name: string): string {
    const { partition, region, accountId } = this.wiring;
    return `arn:${partition}:lambda:${region}:${accountId}:function:${name}`;
  }
}
