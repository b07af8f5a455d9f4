import { InputError, Manifest, TransientError, ValidationError } from '@seisless/core';
import type { Accumulator } from '../../../../services/gradient-reducer/src/accumulatorStore';
import {
  failAfter,
  failAt,
  type PlanInput,
  planGroup,
} from '../../../../services/gradient-reducer/src/reductionPlan';
import type { Settled } from '../../../../services/gradient-reducer/src/settle';
import { reductionMessage, shotGradient, sqsRecord } from '../../../support/reductionMessages';

const ok = <T>(value: T) => ({ ok: true, value }) as const;
const err = (error: unknown) => ({ ok: false, error }) as const;

function input(batchIndex: number, chunk: Settled<Float32Array> = ok(new Float32Array(8))): PlanInput {
  const message = reductionMessage(shotGradient({ shot: 10 + batchIndex, batchIndex, batchSize: 4 }), 0);
  return { record: sqsRecord(message, { messageId: `m${batchIndex}` }), parsed: ok(message), chunk };
}

const accumulator = (positions: number[]): Accumulator => ({
  data: new Float32Array(8),
  manifest: positions.reduce((m, j) => m.with(j), Manifest.empty(4)),
  objective: 0,
  etag: '"1"',
});

describe('planGroup', () => {
  it('adds new shots and skips those in the manifest or earlier in the batch', () => {
    const steps = planGroup([input(0), input(1), input(1), input(2)], ok(accumulator([0])));

    expect(steps.map((s) => s.kind)).toEqual(['skip', 'add', 'skip', 'add']);
  });

  it('skips a summed shot even when its chunk could not be read', () => {
    const steps = planGroup([input(0, err(new TransientError('x')))], ok(accumulator([0])));

    expect(steps.map((s) => s.kind)).toEqual(['skip']);
  });

  it('rejects unparsed messages as malformed and mismatching gradients as rejected', () => {
    const bad = { ...input(1), parsed: err(new ValidationError('bad')), chunk: undefined };
    const steps = planGroup([bad, input(2, err(new InputError('shape')))], ok(undefined));

    expect(steps.map((s) => [s.kind, 'reason' in s ? s.reason : undefined])).toEqual([
      ['reject', 'malformed'],
      ['reject', 'rejected'],
    ]);
  });

  it('rejects a chunk whose length differs from the accumulator’s', () => {
    const steps = planGroup([input(1, ok(new Float32Array(5)))], ok(accumulator([])));

    expect(steps[0]).toMatchObject({ kind: 'reject', reason: 'rejected' });
  });

  it('fails on storage errors, including an unreadable accumulator', () => {
    expect(planGroup([input(1, err(new TransientError('s3')))], ok(undefined))[0]?.kind).toBe('fail');
    expect(planGroup([input(1)], err(new TransientError('s3')))[0]?.kind).toBe('fail');
    expect(planGroup([input(1, err(new TypeError('bug')))], ok(undefined))[0]?.kind).toBe('fail');
  });
});

describe('failAfter / failAt', () => {
  it('fails every step after the first failure (FIFO order)', () => {
    const steps = planGroup([input(0), input(1, err(new TransientError('s3'))), input(2)], ok(undefined));

    expect(failAfter(steps).map((s) => s.kind)).toEqual(['add', 'fail', 'fail']);
  });

  it('fails a given step and the rest', () => {
    const steps = planGroup([input(0), input(1), input(2)], ok(undefined));

    expect(failAt(steps, 1, new Error('put')).map((s) => s.kind)).toEqual(['add', 'fail', 'fail']);
  });
});
