import { estimateJobMemory, type JobTimings, type RunSpec } from '@seisless/core';

/** One task kind's measured peak memory beside the preflight's estimate. */
export interface JobMemoryFigures {
  readonly task: string;
  /** Jobs of the kind that recorded their peak (timings written before `peak_rss_mib` have none). */
  readonly jobs: number;
  /** The largest peak resident memory of those jobs, MiB. */
  readonly peak_mib: number;
  /** The preflight's estimate for the kind at the jobs' longest time axis, MiB (null: no estimate). */
  readonly estimate_mib: number | null;
  /** peak / estimate: above 1 the estimate (and so `compute.memoryMiB` advice) is too low. */
  readonly peak_over_estimate: number | null;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Per task kind, the measured peak memory of its jobs against `estimateJobMemory` (what
 * `seisless run` prints before starting), so that a wrong estimate shows in every report.
 *
 * @example
 * jobMemoryFigures(spec, jobs) // [{ task: 'gradient', jobs: 4, peak_mib: 912, estimate_mib: 1019, peak_over_estimate: 0.895 }, …]
 */
export function jobMemoryFigures(spec: RunSpec, jobs: readonly JobTimings[]): JobMemoryFigures[] {
  const byTask = new Map<string, JobTimings[]>();
  for (const job of jobs) {
    if (job.peak_rss_mib === undefined) continue;
    byTask.set(job.task, [...(byTask.get(job.task) ?? []), job]);
  }
  return [...byTask].map(([task, kind]) => {
    const peak = Math.max(...kind.map((j) => j.peak_rss_mib ?? 0));
    const steps = Math.max(...kind.map((j) => j.nt ?? 0));
    // The model job has no time axis (its estimate does not depend on one).
    const estimate =
      steps > 0 || task === 'model'
        ? estimateJobMemory(spec, Math.max(steps, 1)).find((m) => m.kind === task)?.mib
        : undefined;
    return {
      task,
      jobs: kind.length,
      peak_mib: round(peak, 1),
      estimate_mib: estimate === undefined ? null : Math.round(estimate),
      peak_over_estimate: estimate === undefined ? null : round(peak / estimate, 3),
    };
  });
}
