import { costSection } from './costSection';
import { failedShotsSection } from './failedShots';
import { escapeHtml, row } from './htmlRows';
import { jobTimeTable } from './jobTimeTable';
import type { RunReport } from './reportTypes';

/** A figure on the page: its PNG (relative to the report) and caption. */
export interface Figure {
  readonly png: string;
  readonly caption: string;
}

function summaryTable(report: RunReport): string {
  const rows: [string, number | string | null][] = [
    ['status', report.status],
    ['algorithm', report.algorithm],
    ['iterations', `${report.completed_iterations}/${report.iterations}`],
    ['run wall time (s)', report.run_wall_s],
    ['jobs', report.jobs.count],
    ['Σ job wall time (s)', report.jobs.wall_s_total],
    ['parallel job slots', report.parallel_job_slots],
    ['pipeline efficiency', report.pipeline_efficiency],
    ['kernel efficiency', report.job_time.kernel_efficiency],
    ["median job's wall / kernel", report.job_time.median_wall_over_kernel],
    ["median job's fixed cost before its first kernel (s)", report.job_time.median_fixed_cost_s],
    ['time with no job running (s)', report.job_time.no_job_running_s],
    ['most jobs at once', report.max_concurrent_jobs],
    ['gradients reduced', report.gradients],
    ['reducer invocations', report.reducer_invocations],
    ['reducer invocations per gradient', report.reducer_invocations_per_gradient],
  ];
  return `<table>${rows.map((r) => row(r)).join('')}</table>`;
}

function iterationTable(report: RunReport): string {
  const head = row(
    [
      'k',
      'objective',
      'relative misfit',
      'image correlation',
      'energy above 1st reflector',
      'step',
      'rule',
      'shots',
      'queue (s)',
      'job mean (s)',
      'job max (s)',
      'reduction tail (s)',
      'tail / one update',
      'update (s)',
      'iteration (s)',
      'kernel efficiency',
      'no job running (s)',
    ],
    'th',
  );
  const body = report.per_iteration.map((i) =>
    row([
      i.k,
      i.objective,
      i.relative_misfit,
      i.image_correlation,
      i.image_energy_above_first_reflector,
      i.step,
      i.rule,
      i.shots,
      i.batch_queue_s,
      i.job_wall_s.mean,
      i.job_wall_s.max,
      i.reduction_tail_s,
      i.reduction_tail_over_update,
      i.update_s,
      i.iteration_s,
      i.job_time.kernel_efficiency,
      i.job_time.no_job_running_s,
    ]),
  );
  return `<table>${head}${body.join('')}</table>`;
}

/** Per task kind, the jobs' measured peak memory beside the estimate `seisless run` printed. */
function memoryTable(report: RunReport): string {
  if (report.job_memory.length === 0) return '';
  const head = row(['task', 'jobs', 'peak memory (MiB)', 'estimate (MiB)', 'peak / estimate'], 'th');
  const body = report.job_memory.map((m) =>
    row([m.task, m.jobs, m.peak_mib, m.estimate_mib, m.peak_over_estimate]),
  );
  return `<h2>Job memory</h2><table>${head}${body.join('')}</table>`;
}

/** One row per reducer crash (failed delivery): when, which chunk, how long until its next merge. */
function crashTable(report: RunReport): string {
  const crashes = report.crash_recoveries ?? [];
  if (crashes.length === 0) return '';
  const head = row(['chunk', 'crashed at (UTC)', 'next merge after (s)', 'receives'], 'th');
  const body = crashes.map((c) =>
    row([c.chunk, new Date(c.crashed_at).toISOString(), c.recovery_s, c.receives]),
  );
  return `<h2>Reducer crash recovery</h2><table>${head}${body.join('')}</table>`;
}

/** How a synthetic run's images were scored against m_true − m0 (nothing for runs on recorded data). */
function imageQualitySection(report: RunReport): string {
  const q = report.image_quality;
  if (q === null) return '';
  const text =
    `Image correlation: Pearson correlation of the iterate x_k with the true perturbation m_true − m0 ` +
    `(squared slowness), both smoothed by a Gaussian of FWHM ${q.smoothing_fwhm_m} m (a quarter of the ` +
    `dominant wavelength ${q.wavelength_m} m), over the depths below ${q.evaluated_below_m} m (the deepest ` +
    `source or receiver); the absorbing layer lies outside the arrays. ` +
    (q.imprint_above_m === null
      ? 'The model has no reflector for the imprint measure. '
      : `Energy above the first reflector: the share of Σ x² above ${q.imprint_above_m} m (the first ` +
        `reflector at ${q.first_reflector_m} m minus half a wavelength). `) +
    'Relative misfit: √(f_k / f_1), the residual norm of x_{k−1} relative to iteration 1.';
  return `<h2>Image quality</h2><p class="text">${escapeHtml(text)}</p>`;
}

/** The report's HTML page: run figures, a table per iteration, then the PNG figures. */
export function renderHtml(report: RunReport, figures: readonly Figure[]): string {
  const error =
    report.error === undefined
      ? ''
      : `<p class="error">${escapeHtml(`${report.error.Error}: ${report.error.Cause}`)}</p>`;
  const notes = report.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('');
  const images = figures
    .map(
      (f) =>
        `<figure><img src="${escapeHtml(f.png)}" alt="${escapeHtml(f.caption)}"><figcaption>${escapeHtml(f.caption)}</figcaption></figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>seisless run ${escapeHtml(report.runId)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:72em}table{border-collapse:collapse;margin:1em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}td:first-child,.text{text-align:left}
figure{display:inline-block;margin:.5em}img{max-width:34em}.error{color:#a00}</style></head>
<body><h1>Run ${escapeHtml(report.runId)}</h1>${error}
${failedShotsSection(report.error)}
<h2>Run</h2>${summaryTable(report)}
${jobTimeTable(report.job_time.by_task)}
<h2>Iterations</h2>${iterationTable(report)}
${costSection(report.cost_ledger)}
${memoryTable(report)}
${imageQualitySection(report)}
${crashTable(report)}
${notes === '' ? '' : `<h2>Notes</h2><ul>${notes}</ul>`}
<h2>Figures</h2>
${images}
<p>Figures as numbers: <a href="report.json">report.json</a>.</p>
</body></html>
`;
}
