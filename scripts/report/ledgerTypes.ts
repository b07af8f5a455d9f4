import type { LambdaArchitecture } from './priceTable';

/** One Batch job attempt as the ledger prices it. */
export interface LedgerAttempt {
  readonly iteration: number;
  readonly task: string;
  readonly shot: number | null;
  readonly attempt: number;
  /** The attempt did not finish its job (killed, reclaimed, failed). */
  readonly failed: boolean;
  /** Wall time of the attempt on its node(s), s. */
  readonly wall_s: number;
  readonly vcpus: number;
  /** Nodes of the attempt (MPI ranks run one per node). */
  readonly nodes: number;
  /** Batch's job id (an array child's `<parent>:<index>`), when the attempt came from Batch. */
  readonly job_id?: string;
  /** The attempt was still running when the ledger was read: priced up to that moment. */
  readonly running?: true;
}

/** One function's Lambda compute, as billed: GB-seconds are priced by architecture. */
export interface LambdaCompute {
  readonly billedMs: number;
  readonly memoryMb: number;
  readonly architecture: LambdaArchitecture;
}

/** Counts a cloud can give beyond what the run left in S3; each absent part stays unpriced. */
export interface MeasuredUsage {
  /** Every Batch attempt, failed ones included (Batch's DescribeJobs `attempts`). */
  readonly batchAttempts?: readonly LedgerAttempt[];
  /** Per Lambda function: billed duration summed over invocations (ms), memory size (MB), architecture. */
  readonly lambdaCompute?: Readonly<Record<string, LambdaCompute>>;
  readonly sqsRequests?: { readonly standard: number; readonly fifo: number };
  readonly stepFunctionsTransitions?: number;
  /** How the state machine's waits ended: woken by a signal, or at their bound (measuredUsage.ts). */
  readonly stateMachineWaits?: { readonly woken: number; readonly timedOut: number };
  readonly s3Requests?: { readonly get: number; readonly put: number; readonly list: number };
  /** Per ledger line, where its counts came from, or why they are missing. */
  readonly sources?: LedgerSources;
}

/** Where each line's counts came from, or why there are none (`cost_ledger.sources`). */
export type LedgerSources = Readonly<Partial<Record<LedgerLineName, string>>>;

/** The ledger's lines. */
export type LedgerLineName = 'batch_ec2' | 'lambda' | 'sqs' | 'step_functions' | 's3';

/** A priced attempt (`cost_ledger.attempts`). */
export interface PricedAttempt extends LedgerAttempt {
  readonly instance_type: string;
  readonly purchase: 'spot' | 'on-demand';
  readonly usd: number;
}

/** One service's line of the ledger: what was counted and its price; null when not counted. */
export interface LedgerLine {
  readonly usd: number | null;
  readonly quantities: Readonly<Record<string, number | null>>;
}

/** `report.json`'s `cost_ledger`. */
export interface CostLedger {
  readonly prices: {
    readonly region: string;
    readonly date: string;
    readonly source: string;
    readonly spot: string;
  };
  /** How job times became instance hours. */
  readonly priced_as: {
    readonly environment: string;
    readonly instance_types: readonly string[];
    readonly purchase: 'spot' | 'on-demand';
    /** Job time on the stated instance = measured time × this ratio. */
    readonly throughput_ratio: number;
    readonly basis: string;
  };
  readonly attempts: readonly PricedAttempt[];
  readonly per_iteration: readonly {
    readonly k: number;
    readonly attempts: number;
    readonly failed_attempts: number;
    readonly batch_usd: number;
  }[];
  readonly batch_ec2: LedgerLine;
  readonly lambda: LedgerLine;
  readonly sqs: LedgerLine;
  readonly step_functions: LedgerLine;
  readonly s3: LedgerLine;
  /** Σ of the lines that were counted. */
  readonly total_usd: number;
  /** Per line, where its counts came from, or why they are missing. */
  readonly sources: LedgerSources;
  /** Lines (or parts) not counted by this cloud, so not in the total. */
  readonly unpriced: readonly string[];
  readonly notes: readonly string[];
}
