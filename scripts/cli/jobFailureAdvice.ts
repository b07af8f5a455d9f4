import { type ListedFailures, parseShotFailures, type ShotFailure } from '@seisless/core';
import { errorMessage, type RecordedError } from './runFailedError';

/** The errors that list failed jobs: progress's (model, observe, trials) and AssessFailures' (gradients). */
const JOB_FAILURE_ERRORS = new Set(['JobsFailedError', 'ShotsFailedError']);

/** The job failures a recorded error lists (`shot 3 (job j:3) bad-input: …`); none for other errors. */
export function listedJobFailures(error: RecordedError | undefined): ListedFailures {
  if (!JOB_FAILURE_ERRORS.has(error?.Error ?? '')) return { summary: '', failures: [], more: 0 };
  return parseShotFailures(errorMessage(error ?? {}));
}

/** Errors a run stops on because of its input: resuming it cannot get further. */
const INPUT_ERRORS = new Set(['InputError', 'ValidationError']);

/** The file or field a refusal names: its subject, `<subject>: <received>; expected <what>`. */
export function subjectOf(failure: ShotFailure): string {
  const end = failure.reason.indexOf(': ');
  return end > 0 ? failure.reason.slice(0, end) : failure.reason;
}

const NAMED = 3;

/** `a, b, c and 2 more`: the distinct subjects of the refused inputs. */
function refusedInputs(failures: readonly ShotFailure[]): string {
  const subjects = [...new Set(failures.filter((f) => f.kind === 'bad-input').map(subjectOf))];
  const more = subjects.length > NAMED ? ` and ${subjects.length - NAMED} more` : '';
  return `${subjects.slice(0, NAMED).join(', ')}${more}`;
}

/**
 * What to do about a failed run, in one line: resume when that can help (jobs that failed for a
 * transient or internal reason, an interruption, anything else that is not the input), else
 * what to fix. A job that refused its input refuses it again on resume, so then it names the
 * files or fields the jobs refused.
 *
 * @example
 * nextStep('demo', state.error) // 'continue with: seisless resume demo'
 */
export function nextStep(runId: string, error: RecordedError | undefined): string {
  const { failures } = listedJobFailures(error);
  if (failures.some((f) => f.kind === 'bad-input')) {
    return `to fix: ${refusedInputs(failures)} (refused by the jobs above, each naming what it expected); a resume would fail the same way until then`;
  }
  if (INPUT_ERRORS.has(error?.Error ?? '')) {
    return 'to fix: the input the error names; a resume would fail the same way until then';
  }
  return `continue with: seisless resume ${runId}`;
}

/** A kind as a person reads it. */
const KIND_WORDS: Record<ShotFailure['kind'], string> = {
  'bad-input': 'bad input',
  transient: 'transient',
  internal: 'internal error',
};

/** One line per failed shot: `shot 3 (job j:3, bad input): s3://…/shot-3.npy: 5 traces; expected 21 traces`. */
export function failureLines(listed: ListedFailures): string[] {
  const lines = listed.failures.map((f) => {
    const shot = f.shot === undefined ? '' : `shot ${f.shot} `;
    return `${shot}(job ${f.jobId}, ${KIND_WORDS[f.kind]}): ${f.reason}`;
  });
  return listed.more > 0 ? [...lines, `and ${listed.more} more`] : lines;
}
