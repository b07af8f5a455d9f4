import { SeislessError } from '@seisless/core';

/** No acceptable step: every trial of the backtracking search raised the objective, or the exact step is undefined. */
export class LineSearchFailedError extends SeislessError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LineSearchFailedError';
  }
}
