import { computeTasks, type JobKind, type RunSpec, shotCount, ValidationError } from '@seisless/core';
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** The `submit` function's input (state-machine.md). */
export const submitRequestSchema = z.strictObject({
  runId: z.string().min(1),
  iteration: count,
  kind: z.enum(computeTasks),
  shots: z.array(count).optional(),
  trial: z.strictObject({ index: count, step: z.number() }).optional(),
  /** sparsify: the step the line search accepted. */
  step: z.number().optional(),
});

export type SubmitRequest = z.infer<typeof submitRequestSchema>;

/** What to submit: the request with its shots resolved against the spec. */
export interface JobPlan {
  readonly runId: string;
  readonly iteration: number;
  readonly kind: JobKind;
  /** Shot ids in array-index order; empty for the model job. */
  readonly shots: readonly number[];
  readonly trial?: { readonly index: number; readonly step: number };
  /** sparsify: the accepted step t of z ← z + t·d. */
  readonly step?: number;
}

/**
 * Resolves the shots of a request: none for `model` and `sparsify` (which carries the accepted
 * `step`), every shot for `observe` unless listed,
 * the listed (distinct, existing) shots for the per-iteration kinds.
 *
 * @example
 * planJobs({ runId: 'a', iteration: 2, kind: 'gradient', shots: [4, 9] }, spec).shots // [4, 9]
 */
export function planJobs(request: SubmitRequest, spec: RunSpec): JobPlan {
  const total = shotCount(spec);
  const shots = resolveShots(request, total);
  if (request.kind === 'objective' && request.trial === undefined) {
    throw new ValidationError('submit input: trial missing; expected { index, step } for an objective job', [
      'trial: missing',
    ]);
  }
  const base = { runId: request.runId, iteration: request.iteration, kind: request.kind, shots };
  if (request.kind === 'sparsify') return { ...base, step: sparsifyStep(request, spec) };
  if (request.kind !== 'objective' && request.kind !== 'born-norm') return base;
  return { ...base, trial: request.trial ?? { index: 0, step: 0 } };
}

function sparsifyStep(request: SubmitRequest, spec: RunSpec): number {
  if (spec.algorithm.kind !== 'lsrtm' || spec.algorithm.sparsity === undefined) {
    throw new ValidationError(
      `submit input: kind sparsify for run ${request.runId}; expected a run spec with algorithm.sparsity (LS-RTM)`,
      ['kind: sparsify without algorithm.sparsity'],
    );
  }
  if (request.step === undefined) {
    throw new ValidationError('submit input: step missing; expected the accepted step of a sparsify job', [
      'step: missing',
    ]);
  }
  return request.step;
}

function resolveShots(request: SubmitRequest, total: number): number[] {
  if (request.kind === 'model' || request.kind === 'sparsify') return [];
  const shots = request.shots ?? (request.kind === 'observe' ? range(total) : []);
  const issues: string[] = [];
  if (shots.length === 0) issues.push(`shots: empty; expected the shot ids of the ${request.kind} jobs`);
  if (new Set(shots).size !== shots.length) issues.push('shots: has duplicates; expected distinct shot ids');
  const outside = shots.filter((shot) => shot >= total);
  if (outside.length > 0)
    issues.push(`shots: [${outside.join(', ')}]; expected ids below ${total}, the shot count`);
  if (shots.length > MAX_ARRAY_SIZE)
    issues.push(`shots: ${shots.length}; expected at most ${MAX_ARRAY_SIZE}`);
  if (issues.length > 0) throw new ValidationError(`submit input is invalid: ${issues.join('; ')}`, issues);
  return shots;
}

/** AWS Batch's largest array job. */
export const MAX_ARRAY_SIZE = 10000;

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
