import type { ComputeEnvironmentDef, JobDefinitionDef } from '../wiring/model';

export const JOB_STATUSES = [
  'SUBMITTED',
  'PENDING',
  'RUNNABLE',
  'STARTING',
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const isDone = (status: JobStatus): boolean => status === 'SUCCEEDED' || status === 'FAILED';

export interface EvaluateOnExit {
  onStatusReason?: string;
  onReason?: string;
  onExitCode?: string;
  action: string;
}

export interface RetryStrategy {
  attempts?: number;
  evaluateOnExit?: EvaluateOnExit[];
}

/** How one attempt ended. */
export interface AttemptOutcome {
  exitCode?: number;
  /** The container's reason (e.g. why it could not start). */
  reason?: string;
  statusReason: string;
}

export interface Attempt {
  container: {
    exitCode?: number;
    reason?: string;
    logStreamName: string;
    taskArn: string;
    containerInstanceArn: string;
  };
  startedAt: number;
  stoppedAt: number;
  statusReason: string;
}

export interface Dependency {
  jobId?: string;
  type?: 'N_TO_N' | 'SEQUENTIAL';
}

/** The container a job runs: the job definition's, with the submit-time overrides applied. */
export interface JobContainer {
  image?: string;
  command: string[];
  environment: { name: string; value: string }[];
  resourceRequirements: { type: string; value: string }[];
  vcpus: number;
  memory?: number;
  jobRoleArn?: string;
}

export interface Job {
  jobId: string;
  jobArn: string;
  jobName: string;
  jobQueue: string;
  status: JobStatus;
  statusReason?: string;
  createdAt: number;
  startedAt?: number;
  stoppedAt?: number;
  definition: JobDefinitionDef;
  parameters: Record<string, string>;
  container: JobContainer;
  /** Multi-node jobs: the number of nodes (MPI ranks locally). */
  numNodes?: number;
  retryStrategy: RetryStrategy;
  timeoutS?: number;
  dependsOn: Dependency[];
  attempts: Attempt[];
  /** Array parent: its size. Array child: its index and its parent. */
  arraySize?: number;
  arrayIndex?: number;
  parentId?: string;
  childIds: string[];
  tags?: Record<string, string>;
  /** vCPUs the job holds while it runs (all nodes of a multi-node job). */
  vcpus: number;
  /** The compute environment the job was placed on (its queue's first that can take it). */
  computeEnvironment?: ComputeEnvironmentDef;
  /** Set by TerminateJob: the attempt in progress ends without retry. */
  terminated?: string;
}
