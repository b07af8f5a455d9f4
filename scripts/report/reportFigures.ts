import type { IterationSummary, JobTimings } from '@seisless/core';
import { jobMemoryFigures } from './jobMemoryFigures';
import { jobTimeByTask } from './jobTimeByTask';
import { jobTimeFigures } from './jobTimeFigures';
import type { IterationFigures, ReportInputs, RunFigures } from './reportTypes';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => (values.length === 0 ? null : sum(values) / values.length);
const max = (values: readonly number[]) => (values.length === 0 ? null : Math.max(...values));
const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

/** (later − earlier) in seconds, or null when either timestamp (epoch ms) is missing. */
export function spanSeconds(
  earlier: number | null | undefined,
  later: number | null | undefined,
): number | null {
  if (earlier === null || earlier === undefined || later === null || later === undefined) return null;
  return (later - earlier) / 1000;
}

/** Parallel job slots: the Batch stand-in's vCPU slots divided by the vCPUs of one job (at least 1). */
export function parallelJobSlots(slotVcpus: number | undefined, jobVcpus: number): number | null {
  if (slotVcpus === undefined) return null;
  return Math.max(1, Math.floor(slotVcpus / jobVcpus));
}

/** Σ job wall time / (parallel job slots × run wall time): 1 means the slots never idled. */
export function pipelineEfficiency(
  jobWallSeconds: readonly number[],
  slots: number | null,
  runWallSeconds: number,
) {
  if (slots === null || runWallSeconds <= 0) return null;
  return sum(jobWallSeconds) / (slots * runWallSeconds);
}

/** The most jobs that ran at the same time, from their [started_at, finished_at] intervals. */
export function maxConcurrentJobs(jobs: readonly JobTimings[]): number {
  const events = jobs
    .flatMap((j) => [
      { t: j.started_at, d: 1 },
      { t: j.finished_at, d: -1 },
    ])
    .sort((a, b) => a.t - b.t || a.d - b.d);
  let running = 0;
  let most = 0;
  for (const event of events) {
    running += event.d;
    most = Math.max(most, running);
  }
  return most;
}

/** Invocations of the SQS-triggered reducer function (`seisless-gradient-reducer-<stage>-reduce`). */
export function reducerInvocations(counts: Readonly<Record<string, number>> | undefined): number | null {
  if (counts === undefined) return null;
  const names = Object.keys(counts).filter((n) => /^seisless-gradient-reducer-.+-reduce$/.test(n));
  return names.length === 0 ? null : sum(names.map((n) => counts[n] ?? 0));
}

/**
 * √(f_k / f_1): the residual norm relative to the first iteration's (f is ½‖r‖²). Exact for full
 * batches; with mini-batches the iterations' objectives cover different shots.
 */
export function relativeMisfit(objective: number | null, first: number | null | undefined): number | null {
  if (objective === null || first === null || first === undefined || first <= 0 || objective < 0) return null;
  return Math.sqrt(objective / first);
}

/** Figures of one iteration from its summary and its gradient jobs' timings (image scores left null). */
export function iterationFigures(
  summary: IterationSummary,
  jobs: readonly JobTimings[],
  slots: number | null = null,
  allJobs: readonly JobTimings[] = jobs,
): IterationFigures {
  const t = summary.timings;
  const from = t.submittedAt ?? t.firstJobStartedAt;
  const span = from === null ? null : { fromS: from / 1000, toS: t.updateFinishedAt / 1000 };
  const tail = spanSeconds(t.lastGradientAt, t.reductionCompleteAt);
  const update = t.accumulatorUpdateMs === null ? null : t.accumulatorUpdateMs / 1000;
  const walls = t.jobWallSeconds;
  const kernels = jobs.map((j) => j.kernel_s);
  return {
    k: summary.k,
    objective: summary.objective,
    relative_misfit: null,
    image_correlation: null,
    image_energy_above_first_reflector: null,
    step: summary.step,
    rule: summary.rule,
    shots: summary.usedShots.length,
    batch_queue_s: round(spanSeconds(t.submittedAt, t.firstJobStartedAt)),
    job_wall_s: { count: walls.length, mean: round(mean(walls)), max: round(max(walls)) },
    job_kernel_s_mean: round(mean(kernels)),
    reduction_tail_s: round(tail),
    accumulator_update_s: round(update),
    reduction_tail_over_update:
      tail === null || update === null || update <= 0 ? null : round(tail / update, 2),
    update_s: round(spanSeconds(t.updateStartedAt, t.updateFinishedAt)),
    iteration_s: round(spanSeconds(t.submittedAt ?? t.firstJobStartedAt, t.updateFinishedAt)),
    job_time: jobTimeFigures(allJobs, span, slots),
  };
}

/** The run report's figures (report.json) from what the run left in S3 and the cloud's counters. */
export function computeReport(inputs: ReportInputs): RunFigures {
  // The run's warnings first (the pre-submission checks' `spec: …`, the iterations' `iteration k: …`,
  // also in the summaries): they are about the result, the rest about missing figures.
  const iterationWarnings = inputs.summaries.flatMap((s) => s.warnings.map((w) => `iteration ${s.k}: ${w}`));
  const notes = [...new Set([...inputs.state.warnings, ...iterationWarnings])];
  const runWall = Math.max(0, (inputs.finishedAt - inputs.startedAt) / 1000);
  const walls = inputs.jobs.map((j) => j.total_s);
  const kernels = inputs.jobs.map((j) => j.kernel_s);
  const jobVcpus = inputs.spec.compute.vcpus;
  const slots = parallelJobSlots(inputs.slotVcpus, jobVcpus);
  if (slots === null)
    notes.push('pipeline_efficiency: the number of parallel job slots is unknown for this cloud');
  const reducer = reducerInvocations(inputs.invocations);
  if (reducer === null)
    notes.push('reducer invocations: this cloud does not expose Lambda invocation counts');
  const gradients = inputs.summaries.reduce((n, s) => n + s.usedShots.length + s.droppedShots.length, 0);
  const firstObjective = inputs.summaries[0]?.objective;
  const scores = inputs.imageQuality?.scores;
  const perIteration: IterationFigures[] = inputs.summaries.map((s) => ({
    ...iterationFigures(
      s,
      inputs.jobs.filter((j) => j.iteration === s.k && j.task === 'gradient'),
      slots,
      inputs.jobs.filter((j) => j.iteration === s.k),
    ),
    relative_misfit: round(relativeMisfit(s.objective, firstObjective), 4),
    image_correlation: round(scores?.get(s.k)?.correlation ?? null, 4),
    image_energy_above_first_reflector: round(scores?.get(s.k)?.energy_above_first_reflector ?? null, 4),
  }));
  for (const i of perIteration) {
    if (i.reduction_tail_s !== null && i.reduction_tail_s < 0) {
      notes.push(
        `iteration ${i.k}: reduction_tail_s ${i.reduction_tail_s} < 0: the summary's reductionCompleteAt predates lastGradientAt`,
      );
    }
  }
  return {
    runId: inputs.runId,
    algorithm: inputs.spec.algorithm.kind,
    status: inputs.state.status,
    iterations: inputs.state.iterations,
    completed_iterations: inputs.state.completedIterations,
    run_wall_s: round(runWall) ?? 0,
    jobs: {
      count: inputs.jobs.length,
      wall_s_total: round(sum(walls)) ?? 0,
      kernel_s_total: round(sum(kernels)) ?? 0,
    },
    job_vcpus: jobVcpus,
    parallel_job_slots: slots,
    pipeline_efficiency: round(pipelineEfficiency(walls, slots, runWall), 4),
    job_time: {
      ...jobTimeFigures(
        inputs.jobs,
        { fromS: inputs.startedAt / 1000, toS: inputs.finishedAt / 1000 },
        slots,
      ),
      by_task: jobTimeByTask(inputs.jobs),
    },
    max_concurrent_jobs: maxConcurrentJobs(inputs.jobs),
    job_memory: jobMemoryFigures(inputs.spec, inputs.jobs),
    gradients,
    reducer_invocations: reducer,
    reducer_invocations_per_gradient:
      reducer === null || gradients === 0 ? null : round(reducer / gradients, 4),
    lambda_invocations: inputs.invocations ?? null,
    crash_recoveries: inputs.crashRecoveries ?? null,
    image_quality: inputs.imageQuality?.settings ?? null,
    per_iteration: perIteration,
    objectives: inputs.state.objectives,
    notes,
    ...(inputs.state.error === undefined ? {} : { error: inputs.state.error }),
  };
}
