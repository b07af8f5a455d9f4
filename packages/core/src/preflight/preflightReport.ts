import { ValidationError } from '../errors';

/** The memory one job of a kind is estimated to need, MiB. */
export interface JobMemory {
  readonly kind: 'model' | 'observe' | 'gradient' | 'objective' | 'born-norm';
  readonly mib: number;
}

/**
 * What the pre-submission checks found: problems that refuse the run (each one line naming the
 * spec field or object and what was expected), warnings that do not, and the per-job memory.
 */
export interface PreflightReport {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  readonly memory: readonly JobMemory[];
}

/**
 * Throws one ValidationError listing every problem of the report (as the schema errors do);
 * returns quietly when there is none.
 *
 * @example
 * assertPreflightPassed(preflightSpec(spec), 'spec.json');
 */
export function assertPreflightPassed(report: PreflightReport, source: string): void {
  if (report.errors.length === 0) return;
  throw new ValidationError(`${source} cannot run: ${report.errors.join('; ')}`, report.errors);
}

/** `model 150 MiB, observe 160 MiB, gradient 2,690 MiB` */
export function describeJobMemory(memory: readonly JobMemory[]): string {
  return memory.map((job) => `${job.kind} ${Math.ceil(job.mib).toLocaleString('en-US')} MiB`).join(', ');
}
