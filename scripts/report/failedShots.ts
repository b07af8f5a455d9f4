import type { FailureKind } from '@seisless/core';
import { listedJobFailures } from '../cli/jobFailureAdvice';
import type { RecordedError } from '../cli/runFailedError';
import { escapeHtml } from './htmlRows';

/** One failed shot of the job submission that stopped the run (report.json `failed_shots`). */
export interface FailedShot {
  readonly shot: number | null;
  readonly job: string;
  readonly kind: FailureKind;
  /** The task's one line (its failure record), else Batch's reason. */
  readonly reason: string;
}

/** The report's failure fields: each failed shot, and how many more the error left unlisted. */
export interface FailedShots {
  readonly failed_shots: readonly FailedShot[];
  readonly failed_shots_unlisted: number;
}

/** The failed shots a run's recorded error lists (a JobsFailedError's); none for other errors. */
export function failedShots(error: RecordedError | undefined): FailedShots {
  const listed = listedJobFailures(error);
  return {
    failed_shots: listed.failures.map((f) => ({
      shot: f.shot ?? null,
      job: f.jobId,
      kind: f.kind,
      reason: f.reason,
    })),
    failed_shots_unlisted: listed.more,
  };
}

/** The report page's "Failed shots" table (shot, kind, reason, job), or nothing. */
export function failedShotsSection(error: RecordedError | undefined): string {
  const { failed_shots: rows, failed_shots_unlisted: more } = failedShots(error);
  if (rows.length === 0) return '';
  const cells = (values: readonly string[], tag: string) =>
    `<tr>${values.map((v) => `<${tag} class="text">${escapeHtml(v)}</${tag}>`).join('')}</tr>`;
  const head = cells(['shot', 'kind', 'reason', 'job'], 'th');
  const body = rows.map((r) =>
    cells([r.shot === null ? '–' : String(r.shot), r.kind, r.reason, r.job], 'td'),
  );
  const tail = more > 0 ? `<p>and ${more} more failed shots (not listed by the error).</p>` : '';
  return `<h2>Failed shots</h2><table>${head}${body.join('')}</table>${tail}`;
}
