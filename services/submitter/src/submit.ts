import {
  chunkCount,
  type JobsRef,
  type ObjectStore,
  type RunSpec,
  readRunSpec,
  runKeys,
} from '@seisless/core';
import type { SubmitterConfig } from './config';
import { type JobPlan, planJobs, type SubmitRequest } from './jobPlan';
import { jobSubmissions } from './jobSubmissions';
import type { BatchJobs } from './ports';
import { jobsDeadline } from './retryPolicy';
import { buildTaskFile } from './taskFile';
import { taskName } from './taskSections';

/** The bucket operations `submit` uses. */
export type SpecAndTaskStore = Pick<ObjectStore, 'getJsonOrUndefined' | 'putJson'>;

export interface SubmitDeps {
  readonly config: SubmitterConfig;
  readonly store: SpecAndTaskStore;
  readonly batch: BatchJobs;
  /** The reducer queue's URL (resolved once per cold start). */
  readonly reducerQueueUrl: () => Promise<string>;
  readonly now: () => number;
}

/** How many SubmitJob calls run at once (multi-node jobs are submitted one per shot). */
const SUBMIT_CONCURRENCY = 8;

/**
 * Writes the task file of `{ runId, iteration, kind, shots?, trial? }` and submits its Batch
 * jobs, returning the JobsRef that `progress` and `cancel` take.
 *
 * @example
 * const ref = await submitJobs({ runId: 'demo', iteration: 1, kind: 'gradient', shots: [0, 3] }, deps);
 */
export async function submitJobs(request: SubmitRequest, deps: SubmitDeps): Promise<JobsRef> {
  const spec = await readRunSpec(deps.store, request.runId);
  const plan = planJobs(request, spec);
  const taskKey = runKeys(plan.runId).task(plan.iteration, taskName(plan));
  await deps.store.putJson(taskKey, buildTaskFile(spec, plan));
  const reducerQueueUrl = plan.kind === 'gradient' ? await deps.reducerQueueUrl() : undefined;
  const submittedAt = deps.now();
  const requests = jobSubmissions({
    config: deps.config,
    compute: spec.compute,
    plan,
    taskKey,
    reducerQueueUrl,
  });
  const jobIds = await inBatches(requests, SUBMIT_CONCURRENCY, (r) => deps.batch.submitJob(r));
  return jobsRef(plan, spec, {
    jobIds,
    taskKey,
    submittedAt,
    deadline: jobsDeadline(submittedAt, spec.compute, deps.config),
  });
}

function jobsRef(
  plan: JobPlan,
  spec: RunSpec,
  submitted: Pick<JobsRef, 'jobIds' | 'taskKey' | 'submittedAt' | 'deadline'>,
): JobsRef {
  const chunks = plan.kind === 'gradient' ? chunkCount(spec.model.shape, spec.reduction.chunkSize) : 0;
  const ref: JobsRef = {
    runId: plan.runId,
    iteration: plan.iteration,
    kind: plan.kind,
    shots: [...plan.shots],
    ...submitted,
    chunkCount: chunks,
  };
  return plan.trial === undefined ? ref : { ...ref, trial: { ...plan.trial } };
}

async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  }
  return results;
}
