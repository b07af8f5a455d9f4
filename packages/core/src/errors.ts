/**
 * The one error family of seisless. Names are literal strings (not `constructor.name`) so that
 * Step Functions `Retry`/`Catch` can match them after bundling and minification.
 */
export class SeislessError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SeislessError';
  }
}

/** A configuration variable is missing or malformed. */
export class ConfigError extends SeislessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConfigError';
  }
}

/** A run spec, event or message does not match its schema. */
export class ValidationError extends SeislessError {
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** An input object (model, gradient, shot record) is unreadable or of the wrong shape. */
export class InputError extends SeislessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
  }
}

/** A transient condition worth retrying (a conflicting write, a not-yet-visible object). */
export class TransientError extends SeislessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
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
