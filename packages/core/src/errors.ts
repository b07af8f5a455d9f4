/**
 * The one error family of seisless, mirroring `docker/seisless_compute/errors.py`. Names are
 * literal strings (not `constructor.name`) so that Step Functions `Retry`/`Catch` can match them
 * after bundling and minification.
 *
 * Every error can be built as the Python ones are, from what is wrong (the subject: a field, a
 * variable, an S3 key), what was received and what was expected, which gives the one line
 * `subject: received; expected expected`. The older form, one finished message, still works.
 */

/** What an error may chain. */
export interface ErrorOptions {
  readonly cause?: unknown;
}

/** The constructor arguments of the family: `(subject, received, expected, options?)` or `(message, options?)`. */
export type ErrorArgs =
  | [subject: string, received: string, expected: string, options?: ErrorOptions]
  | [message: string, options?: ErrorOptions];

const MAX_RECEIVED = 120;

/**
 * A received value for an error line: short, on one line, quoted when a string, `missing` when
 * undefined or null (Python's `describe`).
 *
 * @example
 * new ConfigError('SEISLESS_POLL_SECONDS', describeReceived('ten'), 'a positive integer');
 * // SEISLESS_POLL_SECONDS: "ten"; expected a positive integer
 */
export function describeReceived(value: unknown): string {
  if (value === undefined || value === null) return 'missing';
  const raw = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  const text = raw.split(/\s+/).join(' ');
  return text.length > MAX_RECEIVED ? `${text.slice(0, MAX_RECEIVED - 3)}...` : text;
}

interface Parts {
  readonly message: string;
  readonly options: ErrorOptions | undefined;
  readonly detail?: { readonly subject: string; readonly received: string; readonly expected: string };
}

function partsOf(args: ErrorArgs): Parts {
  if (args.length >= 3 && typeof args[1] === 'string') {
    const [subject, received, expected, options] = args as [string, string, string, ErrorOptions?];
    return {
      message: `${subject}: ${received}; expected ${expected}`,
      options,
      detail: { subject, received, expected },
    };
  }
  const [message, options] = args as [string, ErrorOptions?];
  return { message, options };
}

/** Base of every expected failure. */
export class SeislessError extends Error {
  /** What is wrong (a field, a variable, an S3 key), when the error was built from its parts. */
  declare readonly subject?: string;
  declare readonly received?: string;
  declare readonly expected?: string;

  constructor(...args: ErrorArgs) {
    const parts = partsOf(args);
    super(parts.message, parts.options);
    this.name = 'SeislessError';
    // Only errors built from their parts carry them (log lines of the others stay as they were).
    if (parts.detail !== undefined) Object.assign(this, parts.detail);
  }
}

/** A configuration variable is missing or malformed. */
export class ConfigError extends SeislessError {
  constructor(...args: ErrorArgs) {
    super(...args);
    this.name = 'ConfigError';
  }
}

/**
 * A run spec, event or message does not match its schema. `issues` holds one line per bad field
 * when the message names several (`new ValidationError(message, issues, options?)`).
 */
export class ValidationError extends SeislessError {
  readonly issues: readonly string[];
  constructor(...args: ErrorArgs | [message: string, issues: readonly string[], options?: ErrorOptions]) {
    const [message, second, ...rest] = args;
    const withIssues = Array.isArray(second);
    super(...((withIssues ? [message, ...rest] : args) as ErrorArgs));
    this.name = 'ValidationError';
    this.issues = withIssues ? (second as readonly string[]) : [];
  }
}

/** An input object (model, gradient, shot record) is missing, unreadable or of the wrong shape. */
export class InputError extends SeislessError {
  constructor(...args: ErrorArgs) {
    super(...args);
    this.name = 'InputError';
  }
}

/** A condition worth retrying: a conflicting write, storage throttled, unavailable or timed out. */
export class TransientError extends SeislessError {
  constructor(...args: ErrorArgs) {
    super(...args);
    this.name = 'TransientError';
  }
}

/** Shots failed permanently beyond what the run's failure tolerance allows. */
export class ShotsFailedError extends SeislessError {
  readonly shots: readonly number[];
  constructor(message: string, shots: readonly number[]) {
    super(message);
    this.name = 'ShotsFailedError';
    this.shots = shots;
  }
}
