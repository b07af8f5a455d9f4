import { escapeHtml, row } from './htmlRows';
import { SMALLEST_PART_S, type TaskTimeFigures } from './jobTimeByTask';

/** Seconds to 3 significant digits (missing: '–'). */
const seconds = (value: number | null | undefined) =>
  value === null || value === undefined ? null : String(Number(value.toPrecision(3)));

/** The columns' order: the phases and parts in the order a job goes through them, `other` last. */
const ORDER = [
  ...['startup', 'config', 'read', 'messages', 'import', 'setup', 'write'],
  ...['operators', 'checks', 'model', 'allocate', 'zero', 'preprocess', 'resample', 'records'],
  ...['residual', 'precondition', 'embed', 'image', 'crop', 'other'],
];

/** Names of `records`: the known ones in {@link ORDER}, then the others as they first appear. */
function namesOf(records: readonly Readonly<Record<string, number>>[]): string[] {
  const names = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
  // Array.prototype.sort is stable: unknown names keep their first-appearance order.
  return names.sort((a, b) => rank(a) - rank(b));
}

/** A part's cell: its median, below the threshold when it was left out, '–' when the task has no parts. */
const partCell = (record: Readonly<Record<string, number>>, name: string, hasParts: boolean) =>
  !hasParts ? null : name in record ? seconds(record[name]) : `<${SMALLEST_PART_S}`;

/**
 * "Where the jobs' time goes": per task, the median job's total, kernel, wall/kernel and fixed
 * cost, its phases outside `compute` and the parts of `compute` besides the kernels.
 */
export function jobTimeTable(byTask: readonly TaskTimeFigures[]): string {
  if (byTask.length === 0) return '';
  const phases = namesOf(byTask.map((t) => t.phases_s));
  const parts = namesOf(byTask.map((t) => t.compute_parts_s));
  const group = (title: string, span: number) =>
    span === 0 ? '' : `<th colspan="${span}">${escapeHtml(title)}</th>`;
  const groups =
    `<tr>${group('median job', 6)}${group('phases besides compute (s)', phases.length)}` +
    `${group('inside compute, besides the kernels (s)', parts.length)}</tr>`;
  const head = row(
    ['task', 'jobs', 'total (s)', 'kernel (s)', 'wall / kernel', 'fixed cost (s)', ...phases, ...parts],
    'th',
  );
  const body = byTask.map((t) =>
    row([
      t.task,
      t.jobs,
      seconds(t.median_total_s),
      seconds(t.median_kernel_s),
      seconds(t.median_wall_over_kernel),
      seconds(t.median_fixed_cost_s),
      ...phases.map((p) => partCell(t.phases_s, p, true)),
      ...parts.map((p) => partCell(t.compute_parts_s, p, t.jobs_with_parts > 0)),
    ]),
  );
  const text =
    "Medians over each task's jobs, from their timings files: a phase or part a job did not record counts " +
    `as 0 s for it; medians below ${SMALLEST_PART_S} s are shown as <${SMALLEST_PART_S}. Compute parts ` +
    'are medians over the jobs whose timings split the compute phase (– : none did, as for the model ' +
    'task or older runs). Fixed cost: process start to the first kernel. Medians do not add up to the total.';
  return `<h2>Where the jobs' time goes</h2><table>${groups}${head}${body.join('')}</table><p class="text">${escapeHtml(text)}</p>`;
}
