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
 * Errors a run stops on because of a bug in seisless's own functions (a Lambda's unhandled
 * programming error, as Step Functions names it): the same code on the same state fails again.
 */
const BUG_ERRORS = new Set(['TypeError', 'ReferenceError', 'SyntaxError']);

/** `shots 2, 5` or `job j-model`: the failures of `kind`, by shot where they have one. */
function failedOf(failures: readonly ShotFailure[], kind: ShotFailure['kind']): string {
  const of = failures.filter((f) => f.kind === kind);
  const shots = of.flatMap((f) => (f.shot === undefined ? [] : [f.shot]));
  const jobs = of.filter((f) => f.shot === undefined).map((f) => `job ${f.jobId}`);
  const named = [
    ...(shots.length > 0 ? [`shot${shots.length > 1 ? 's' : ''} ${shots.join(', ')}`] : []),
    ...jobs,
  ];
  return named.join(', ');
}

/** What to do about a bug: a resume reruns the same code on the same input. */
function bugAdvice(runId: string, what: string, log: string): string {
  return `to report: ${what} is a bug in seisless, not your input (the error above, with ${log}); a resume reruns the same code on the same input and would most likely fail the same way: resume (seisless resume ${runId}) once a fixed version is deployed`;
}

/** What to do about a failed run: resume it, fix the input, or report a bug; and the line saying so. */
interface Advice {
  readonly action: 'resume' | 'fix' | 'report';
  readonly line: string;
}

/**
 * Resume when that can help (jobs that failed for a transient reason, an interruption, anything
 * else that is neither the input nor a bug). A job that refused its input refuses it again on
 * resume, so then the files or fields the jobs refused are named; a job that failed with an
 * internal error (a bug in seisless, exit 70) or a function's programming error most likely fails
 * again on the same code, so that is to be reported.
 */
function adviceFor(runId: string, error: RecordedError | undefined): Advice {
  const { failures } = listedJobFailures(error);
  if (failures.some((f) => f.kind === 'bad-input')) {
    return {
      action: 'fix',
      line: `to fix: ${refusedInputs(failures)} (refused by the jobs above, each naming what it expected); a resume would fail the same way until then`,
    };
  }
  if (failures.some((f) => f.kind === 'internal')) {
    const what = `the internal error of ${failedOf(failures, 'internal')}`;
    return { action: 'report', line: bugAdvice(runId, what, "the job's log") };
  }
  if (INPUT_ERRORS.has(error?.Error ?? '')) {
    return {
      action: 'fix',
      line: 'to fix: the input the error names; a resume would fail the same way until then',
    };
  }
  if (BUG_ERRORS.has(error?.Error ?? '')) {
    return { action: 'report', line: bugAdvice(runId, `the ${error?.Error}`, "the function's log") };
  }
  return { action: 'resume', line: `continue with: seisless resume ${runId}` };
}

/**
 * What to do about a failed run, in one line: `seisless resume` only when resuming can help, else
 * what to fix (the input the jobs refused) or to report (a bug in seisless).
 *
 * @example
 * nextStep('demo', state.error) // 'continue with: seisless resume demo'
 */
export function nextStep(runId: string, error: RecordedError | undefined): string {
  return adviceFor(runId, error).line;
}

/** Whether resuming can help a run that failed with `error` (its jobs failed for transient reasons, say). */
export function resumeCanHelp(runId: string, error: RecordedError | undefined): boolean {
  return adviceFor(runId, error).action === 'resume';
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
