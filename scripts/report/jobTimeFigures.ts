import type { JobTimings } from '@seisless/core';

/** Where the run's time went apart from the jobs' own wall time (issue: jobs that spend their time in the kernel). */
export interface JobTimeFigures {
  /** Σ kernel time / (parallel job slots × wall time): 1 means the slots did nothing but kernels. */
  readonly kernel_efficiency: number | null;
  /** The median job's wall time / kernel time (jobs that ran a kernel). */
  readonly median_wall_over_kernel: number | null;
  /** The median job's process start → first kernel, seconds (solver jobs). */
  readonly median_fixed_cost_s: number | null;
  /** Seconds of the span during which no job ran: orchestration between the jobs. */
  readonly no_job_running_s: number | null;
}

const round = (value: number | null, digits = 3) => (value === null ? null : Number(value.toFixed(digits)));

/** The median of `values`, or null when there are none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Seconds within [fromS, toS] (epoch seconds) covered by no job's [started_at, finished_at]. */
export function secondsWithoutJobs(jobs: readonly JobTimings[], fromS: number, toS: number): number {
  const intervals = jobs
    .map((j) => [Math.max(fromS, j.started_at), Math.min(toS, j.finished_at)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let covered = 0;
  let reach = fromS;
  for (const [start, end] of intervals) {
    if (end <= reach) continue;
    covered += end - Math.max(start, reach);
    reach = end;
  }
  return Math.max(0, toS - fromS - covered);
}

/**
 * The job-time figures of `jobs` over the span [fromS, toS] (epoch seconds) on `slots` parallel
 * job slots (null: unknown, and so the kernel efficiency).
 */
export function jobTimeFigures(
  jobs: readonly JobTimings[],
  span: { readonly fromS: number; readonly toS: number } | null,
  slots: number | null,
): JobTimeFigures {
  const kernel = jobs.reduce((s, j) => s + j.kernel_s, 0);
  const wall = span === null ? null : span.toS - span.fromS;
  const ratios = jobs.filter((j) => j.kernel_s > 0).map((j) => j.total_s / j.kernel_s);
  const fixed = jobs.flatMap((j) =>
    j.first_kernel_at === null || j.first_kernel_at === undefined ? [] : [j.first_kernel_at - j.started_at],
  );
  return {
    kernel_efficiency:
      slots === null || wall === null || wall <= 0 ? null : round(kernel / (slots * wall), 4),
    median_wall_over_kernel: round(median(ratios)),
    median_fixed_cost_s: round(median(fixed)),
    no_job_running_s: span === null ? null : round(secondsWithoutJobs(jobs, span.fromS, span.toS)),
  };
}
