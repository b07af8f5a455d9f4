import {
  InputError,
  Manifest,
  type ReductionMessage,
  reductionGroupId,
  ValidationError,
} from '@seisless/core';
import type { Accumulator } from './accumulatorStore';
import { blockedBy } from './fifoBatch';
import type { QueueRecord } from './queueRecord';
import type { Settled } from './settle';

/** What the merge does with one record of a FIFO group. */
export type PlanStep =
  | {
      readonly kind: 'add';
      readonly record: QueueRecord;
      readonly message: ReductionMessage;
      readonly data: Float32Array;
    }
  | { readonly kind: 'skip'; readonly record: QueueRecord }
  | {
      readonly kind: 'reject';
      readonly record: QueueRecord;
      readonly reason: 'malformed' | 'rejected';
      readonly error: Error;
    }
  | { readonly kind: 'fail'; readonly record: QueueRecord; readonly error: unknown };

/** A record of the group, parsed (or not) and with its gradient chunk read (when it was parsed). */
export interface PlanInput {
  readonly record: QueueRecord;
  readonly parsed: Settled<ReductionMessage>;
  readonly chunk: Settled<Float32Array> | undefined;
}

interface Shape {
  manifest: Manifest | undefined;
  length: number | undefined;
}

/** Errors that mean "this message is wrong", as opposed to "try again". */
export function isRejection(error: unknown): error is InputError | ValidationError {
  return error instanceof InputError || error instanceof ValidationError;
}

function rejectOrFail(record: QueueRecord, error: unknown, reason: 'malformed' | 'rejected'): PlanStep {
  return isRejection(error) ? { kind: 'reject', record, reason, error } : { kind: 'fail', record, error };
}

function mismatch(
  message: ReductionMessage,
  shape: Shape,
  data: Float32Array | undefined,
): InputError | undefined {
  const batchSize = shape.manifest?.batchSize;
  const source = `${message.gradientKey} chunk ${message.chunk}`;
  if (batchSize !== undefined && message.batchSize !== batchSize) {
    return new InputError(
      `${source}: batchSize ${message.batchSize}; the accumulator holds a batch of ${batchSize}`,
    );
  }
  if (data !== undefined && shape.length !== undefined && data.length !== shape.length) {
    return new InputError(`${source}: ${data.length} elements; the accumulator holds ${shape.length}`);
  }
  return undefined;
}

function planMessage(input: PlanInput, message: ReductionMessage, shape: Shape): PlanStep {
  const { record, chunk } = input;
  const early = mismatch(message, shape, undefined);
  if (early !== undefined) return { kind: 'reject', record, reason: 'rejected', error: early };
  if (shape.manifest?.has(message.batchIndex)) return { kind: 'skip', record };
  if (chunk === undefined || !chunk.ok) return rejectOrFail(record, chunk?.error, 'rejected');
  const late = mismatch(message, shape, chunk.value);
  if (late !== undefined) return { kind: 'reject', record, reason: 'rejected', error: late };
  shape.manifest = (shape.manifest ?? Manifest.empty(message.batchSize)).with(message.batchIndex);
  shape.length = chunk.value.length;
  return { kind: 'add', record, message, data: chunk.value };
}

/**
 * Decides, in FIFO order, what happens to each record of a group given the accumulator read:
 * malformed or mismatching messages are rejected, shots already in the manifest (or earlier in
 * this batch) are skipped, the rest are added. A read failure fails the record (see `failAfter`).
 */
export function planGroup(
  inputs: readonly PlanInput[],
  accumulator: Settled<Accumulator | undefined>,
): PlanStep[] {
  const base = accumulator.ok ? accumulator.value : undefined;
  const shape: Shape = { manifest: base?.manifest, length: base?.data.length };
  const first = inputs.find((i) => i.parsed.ok)?.parsed;
  const group = first?.ok ? reductionGroupId(first.value) : undefined;
  return inputs.map((input): PlanStep => {
    const { record, parsed } = input;
    if (!parsed.ok) return rejectOrFail(record, parsed.error, 'malformed');
    if (reductionGroupId(parsed.value) !== group) {
      const error = new ValidationError(
        `message ${record.messageId}: names group ${reductionGroupId(parsed.value)}; expected ${group}`,
      );
      return { kind: 'reject', record, reason: 'malformed', error };
    }
    if (!accumulator.ok) return { kind: 'fail', record, error: accumulator.error };
    return planMessage(input, parsed.value, shape);
  });
}

/** Fails every step after the first failure: later messages of a FIFO group wait for it. */
export function failAfter(steps: readonly PlanStep[]): PlanStep[] {
  const first = steps.findIndex((s) => s.kind === 'fail');
  if (first < 0) return [...steps];
  const failed = steps[first]?.record.messageId ?? '';
  return steps.map((s, i) =>
    i <= first ? s : { kind: 'fail', record: s.record, error: blockedBy(s.record.messageId, failed) },
  );
}

/** Replaces step `index` by a failure with `error`, and fails every later step. */
export function failAt(steps: readonly PlanStep[], index: number, error: unknown): PlanStep[] {
  const step = steps[index];
  if (step === undefined) return [...steps];
  return failAfter(steps.map((s, i) => (i === index ? { kind: 'fail', record: step.record, error } : s)));
}
