import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoints } from './env';
import type { FaultConfig, FaultCounts } from './faults';
import type { IamUsageReport } from './iam/usage';
import type { InvokeResult } from './lambda/service';
import { type LocalCloudOptions, resolveOptions } from './options';
import type { RequestCounts } from './requestCounts';
import { startServices } from './services';
import { loadWiring } from './wiring/loadWiring';
import type { Wiring } from './wiring/model';

/** A running local cloud. */
export interface LocalCloud {
  readonly endpoints: Endpoints;
  /** The variables a client needs: endpoints, region, credentials, checksum settings. */
  readonly env: Readonly<Record<string, string>>;
  readonly region: string;
  readonly stage: string;
  readonly dataDir: string;
  readonly wiring: Wiring;
  /** Queue URLs by queue name. */
  readonly queueUrls: ReadonlyMap<string, string>;
  /** Invokes a function synchronously, as `aws lambda invoke` would; failures are returned, not thrown. */
  invokeFunction(name: string, event: unknown): Promise<InvokeResult>;
  /** The fault configuration in force. */
  readonly faults: Readonly<FaultConfig>;
  /** Merges fault settings (a new `seed` restarts the pseudo-random draws). */
  setFaults(faults: Partial<FaultConfig>): void;
  /** Back to no faults, then applies the given settings. */
  resetFaults(faults?: Partial<FaultConfig>): void;
  /** The faults injected since start: duplicate deliveries, crashes before/after handlers, Batch kills. */
  readonly injectedFaults: Readonly<FaultCounts>;
  /** With `prewarmFunctions`: resolves with the functions that got a warm environment (else []). */
  readonly prewarmed: Promise<string[]>;
  /** Per role ARN, every (action, resource) IAM allowed and the role used so far. */
  iamUsage(): IamUsageReport;
  /** Writes iamUsage() as JSON (stop writes it to `<dataDir>/iam-usage.json`). */
  writeIamUsage(file: string): void;
  /** S3 and SQS requests answered since start, by price tier and queue type. */
  requestCounts(): RequestCounts;
  /** Resolves when no S3 notification is being delivered. */
  notificationsIdle(): Promise<void>;
  /** Resolves when no EventBridge event (Batch job state change) is being routed or delivered. */
  eventsIdle(): Promise<void>;
  /** Stops everything: event sources, executions, job process groups, functions, servers. */
  stop(): Promise<void>;
}

/** Account id of every ARN and queue URL of the local cloud (fauxqs' own). */
export const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Starts the embedded local cloud: S3 (s3rver) and SQS (fauxqs) in child processes, Step Functions
 * and Batch endpoints, Lambda functions and their event sources, all wired from the CloudFormation
 * templates `serverless package` writes for the services (cached in `<cacheDir>/artifacts`).
 *
 * @example
 * const cloud = await startLocalCloud({ dataDir: '/tmp/run' });
 * Object.assign(process.env, cloud.env); // any AWS client now talks to the local cloud
 * await cloud.stop();
 */
export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const config = resolveOptions(options);
  const wiring = await loadWiring({ ...config, accountId: LOCAL_ACCOUNT_ID });
  for (const unsupported of wiring.unsupportedResources) config.log(`local cloud: ${unsupported}`);
  for (const warning of wiring.warnings) config.log(`local cloud: ${warning}`);
  mkdirSync(join(config.dataDir, 's3'), { recursive: true });
  return startServices(config, wiring);
}
