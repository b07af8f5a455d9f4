import type { ContainerOverrides, KeyValuePair, SubmitJobCommandInput } from '@aws-sdk/client-batch';
import type { RunSpec } from '@seisless/core';
import type { SubmitterConfig } from './config';
import type { JobPlan } from './jobPlan';
import { jobTimeout, retryStrategy } from './retryPolicy';
import { taskName } from './taskSections';

/** Everything one set of SubmitJob calls is built from. */
export interface SubmissionContext {
  readonly config: Pick<
    SubmitterConfig,
    'bucket' | 'jobQueue' | 'mpiJobQueue' | 'jobDefinition' | 'mpiJobDefinition'
  >;
  readonly compute: RunSpec['compute'];
  readonly plan: JobPlan;
  readonly taskKey: string;
  /** The reducer's queue URL (gradient jobs only). */
  readonly reducerQueueUrl?: string;
}

/**
 * The SubmitJob requests of a plan: one multi-node job per shot for MPI gradients
 * (`compute.mpiRanks > 1`), else one array job over the shots, or one single job (with
 * `SEISLESS_SHOT`) when there is one shot or none (the model job). Single-node jobs go to the
 * Spot queue, or with `compute.spot: false` to the on-demand queue (the stack's on-demand EC2
 * environment, which also runs the multi-node jobs).
 */
export function jobSubmissions(ctx: SubmissionContext): SubmitJobCommandInput[] {
  const { plan, compute } = ctx;
  if (plan.kind === 'gradient' && compute.mpiRanks > 1)
    return plan.shots.map((shot) => multiNodeJob(ctx, shot));
  if (plan.shots.length >= 2) {
    return [
      {
        ...common(ctx, ''),
        arrayProperties: { size: plan.shots.length },
        containerOverrides: overrides(ctx),
      },
    ];
  }
  const shot = plan.shots[0];
  const suffix = shot === undefined ? '' : `-shot-${shot}`;
  return [{ ...common(ctx, suffix), containerOverrides: overrides(ctx, shot) }];
}

function multiNodeJob(ctx: SubmissionContext, shot: number): SubmitJobCommandInput {
  return {
    ...common(ctx, `-shot-${shot}`),
    // Batch runs multi-node parallel jobs only on on-demand EC2 compute environments.
    jobQueue: ctx.config.mpiJobQueue,
    jobDefinition: ctx.config.mpiJobDefinition,
    nodeOverrides: {
      numNodes: ctx.compute.mpiRanks,
      nodePropertyOverrides: [{ targetNodes: '0:', containerOverrides: overrides(ctx, shot) }],
    },
  };
}

function common(ctx: SubmissionContext, suffix: string): SubmitJobCommandInput {
  const { plan } = ctx;
  return {
    jobName: jobName(`${plan.runId}-${plan.iteration}-${taskName(plan)}${suffix}`),
    jobQueue: ctx.compute.spot ? ctx.config.jobQueue : ctx.config.mpiJobQueue,
    jobDefinition: ctx.config.jobDefinition,
    retryStrategy: retryStrategy(ctx.compute),
    timeout: jobTimeout(ctx.compute),
    propagateTags: true,
    tags: {
      'seisless:run': plan.runId,
      'seisless:iteration': String(plan.iteration),
      'seisless:kind': plan.kind,
    },
  };
}

function overrides(ctx: SubmissionContext, shot?: number): ContainerOverrides {
  const { compute } = ctx;
  return {
    command: [ctx.plan.kind],
    environment: environment(ctx, shot),
    resourceRequirements: [
      { type: 'VCPU', value: String(compute.vcpus) },
      { type: 'MEMORY', value: String(compute.memoryMiB) },
    ],
  };
}

function environment(ctx: SubmissionContext, shot?: number): KeyValuePair[] {
  const pairs: [string, string | undefined][] = [
    ['SEISLESS_BUCKET', ctx.config.bucket],
    ['SEISLESS_TASK_KEY', ctx.taskKey],
    ['SEISLESS_SHOT', shot === undefined ? undefined : String(shot)],
    ['SEISLESS_REDUCER_QUEUE_URL', ctx.reducerQueueUrl],
    ['SEISLESS_VCPUS', String(ctx.compute.vcpus)],
    ['OMP_NUM_THREADS', ctx.compute.threads === undefined ? undefined : String(ctx.compute.threads)],
  ];
  return pairs.flatMap(([name, value]) => (value === undefined ? [] : [{ name, value }]));
}

/** A Batch job name: letters, digits, '-' and '_', at most 128 characters. */
export function jobName(raw: string): string {
  return raw.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128);
}
