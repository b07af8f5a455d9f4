import type { JobTimings } from '@seisless/core';
import { median } from './jobTimeFigures';

/** Where one task's jobs spend their time: medians over the task's jobs, seconds. */
export interface TaskTimeFigures {
  readonly task: string;
  readonly jobs: number;
  readonly median_total_s: number | null;
  readonly median_kernel_s: number | null;
  /** Over the task's jobs that ran a kernel. */
  readonly median_wall_over_kernel: number | null;
  /** Process start → first kernel, over the jobs whose timings have `first_kernel_at`. */
  readonly median_fixed_cost_s: number | null;
  /** The jobs whose timings split their `compute` phase by part (older timings and the model task do not). */
  readonly jobs_with_parts: number;
  /** Per phase other than `compute` (its parts are in `compute_parts_s`), the median seconds. */
  readonly phases_s: Readonly<Record<string, number>>;
  /** Per part of the `compute` phase other than `kernel`, the median seconds over `jobs_with_parts`. */
  readonly compute_parts_s: Readonly<Record<string, number>>;
}

/** Parts and phases whose median is below this many seconds are left out, to keep the table readable. */
export const SMALLEST_PART_S = 0.001;

const round = (value: number | null, digits = 4) => (value === null ? null : Number(value.toFixed(digits)));

/**
 * Per name in the `records` (one per job), the median seconds, a name absent from a record
 * counting as 0 for it; names in `skip` and medians below {@link SMALLEST_PART_S} left out.
 */
function medianParts(
  records: readonly Readonly<Record<string, number>>[],
  skip: string,
): Record<string, number> {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((n) => n !== skip);
  const medians: Record<string, number> = {};
  for (const name of names) {
    const value = median(records.map((r) => r[name] ?? 0));
    if (value !== null && value >= SMALLEST_PART_S) medians[name] = round(value) ?? 0;
  }
  return medians;
}

function taskFigures(task: string, jobs: readonly JobTimings[]): TaskTimeFigures {
  const ratios = jobs.filter((j) => j.kernel_s > 0).map((j) => j.total_s / j.kernel_s);
  const fixed = jobs.flatMap((j) =>
    j.first_kernel_at === null || j.first_kernel_at === undefined ? [] : [j.first_kernel_at - j.started_at],
  );
  const parts = jobs.flatMap((j) => (j.compute_parts === undefined ? [] : [j.compute_parts]));
  return {
    task,
    jobs: jobs.length,
    median_total_s: round(median(jobs.map((j) => j.total_s))),
    median_kernel_s: round(median(jobs.map((j) => j.kernel_s))),
    median_wall_over_kernel: round(median(ratios), 3),
    median_fixed_cost_s: round(median(fixed)),
    jobs_with_parts: parts.length,
    phases_s: medianParts(
      jobs.map((j) => j.phases),
      'compute',
    ),
    compute_parts_s: medianParts(parts, 'kernel'),
  };
}

/**
 * Per task that ran (in the order the tasks first appear in `jobs`), where its jobs' time goes:
 * the median job's total, kernel, wall/kernel and fixed cost, and the median seconds of each phase
 * outside `compute` and each part of `compute` outside the kernels (issue 18, item 1).
 *
 * @example
 * jobTimeByTask(jobs) // [{ task: 'gradient', jobs: 24, median_total_s: 2.81, …, compute_parts_s: { allocate: 0.276, records: 0.146, … } }, …]
 */
export function jobTimeByTask(jobs: readonly JobTimings[]): TaskTimeFigures[] {
  const byTask = new Map<string, JobTimings[]>();
  for (const job of jobs) byTask.set(job.task, [...(byTask.get(job.task) ?? []), job]);
  return [...byTask].map(([task, ofTask]) => taskFigures(task, ofTask));
}
