import type { BatchClient } from '@aws-sdk/client-batch';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SFNClient } from '@aws-sdk/client-sfn';
import type { ObjectStore } from '@seisless/core';
import type { RequestCounts } from '../local-cloud/requestCounts';
import type { MeasuredUsage } from '../report/ledgerTypes';
import type { RecordedExecution } from './executionRecords';

/** Lambda invocation counts by function name, when the cloud can tell. */
export type InvocationCounts = Readonly<Record<string, number>>;

/** Faults the local cloud injected during a session (scripts/local-cloud/faults.ts FaultCounts). */
export type InjectedFaults = Readonly<Record<string, number>>;

/** A connection to a seisless stack, local or deployed: the clients a command needs. */
export interface CloudSession {
  readonly kind: 'local' | 'aws';
  readonly stage: string;
  readonly bucket: string;
  readonly s3: S3Client;
  readonly sfn: SFNClient;
  readonly store: ObjectStore;
  /** Seconds between progress polls. */
  readonly pollSeconds: number;
  /** The imaging state machine's ARN (`seisless-iterator-<stage>-imaging`). */
  stateMachineArn(): Promise<string>;
  /** vCPU slots for Batch jobs running at once (local cloud), or undefined when unknown. */
  jobSlotVcpus(): number | undefined;
  /** The stage's Batch (the ledger's job attempts), when the session has a client for it. */
  readonly batch?: BatchClient;
  /** Local cloud: Lambda billed time of this session per function, from the functions' REPORT lines. */
  lambdaCompute?(): MeasuredUsage['lambdaCompute'];
  /** Local cloud: S3 and SQS requests answered since the session started. */
  requestCounts?(): RequestCounts;
  /** Lambda invocation counts, or undefined when this cloud does not count them. */
  lambdaInvocations(): InvocationCounts | undefined;
  /** Local cloud: a function's log written during this session (the report's crash recovery rows). */
  functionLog?(functionName: string): string | undefined;
  /**
   * Local cloud: `action` runs when the user interrupts the CLI (SIGINT), before the cloud stops;
   * returns the function that unregisters it.
   */
  whenInterrupted?(action: () => Promise<void>): () => void;
  /** Local cloud: resolves once every function has a warm execution environment. */
  functionsWarm?(): Promise<void>;
  /**
   * Local cloud: its executions end with it, so the session keeps how each run's last execution
   * ended (`status` of a run that failed before writing its state reads it).
   */
  recordExecution?(runId: string, execution: RecordedExecution): Promise<void>;
  recordedExecution?(runId: string): Promise<RecordedExecution | undefined>;
  /** The faults injected so far, when this is a local cloud started with `--faults`. */
  injectedFaults?(): InjectedFaults | undefined;
  stop(): Promise<void>;
}

/** The state machine's name for a stage (services/iterator/serverless.yml). */
export const stateMachineName = (stage: string) => `seisless-iterator-${stage}-imaging`;

/** The data bucket's name for a stage (serverless.common.yml). */
export const bucketName = (stage: string) => `seisless-${stage}-data`;
