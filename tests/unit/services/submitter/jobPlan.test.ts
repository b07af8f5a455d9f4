import { parseInput, ValidationError, validateRunSpec } from '@seisless/core';
import { planJobs, submitRequestSchema } from '../../../../services/submitter/src/jobPlan';
import { fwiSpec, lsrtmSpec } from '../../../support/runSpecs';

const spec = validateRunSpec(lsrtmSpec()); // 6 shots

const parseSubmitRequest = (input: unknown) => parseInput(submitRequestSchema, input, 'submit input');

describe('submitRequestSchema', () => {
  it('accepts the state machine input', () => {
    const input = { runId: 'r', iteration: 2, kind: 'objective', shots: [1], trial: { index: 0, step: 0.5 } };
    expect(parseSubmitRequest(input)).toEqual(input);
  });

  it('rejects unknown kinds and fields, naming them', () => {
    expect(() => parseSubmitRequest({ runId: 'r', iteration: 1, kind: 'migrate' })).toThrow(
      /^submit input is invalid: kind: "migrate"; expected one of "model"/,
    );
    expect(() => parseSubmitRequest({ runId: 'r', iteration: 1, kind: 'model', extra: 1 })).toThrow(
      ValidationError,
    );
    expect(() => parseSubmitRequest({ runId: 'r', iteration: 1, kind: 'model', extra: 1 })).toThrow(
      'extra: unknown field',
    );
  });
});

describe('planJobs', () => {
  it('gives the model job no shots', () => {
    expect(planJobs({ runId: 'r', iteration: 0, kind: 'model', shots: [1, 2] }, spec).shots).toEqual([]);
  });

  it('gives observe every shot unless listed', () => {
    expect(planJobs({ runId: 'r', iteration: 0, kind: 'observe' }, spec).shots).toEqual([0, 1, 2, 3, 4, 5]);
    expect(planJobs({ runId: 'r', iteration: 0, kind: 'observe', shots: [3] }, spec).shots).toEqual([3]);
  });

  it('keeps the order of the listed gradient shots and drops a stray trial', () => {
    const plan = planJobs(
      { runId: 'r', iteration: 1, kind: 'gradient', shots: [5, 0, 2], trial: { index: 1, step: 1 } },
      spec,
    );
    expect(plan).toEqual({ runId: 'r', iteration: 1, kind: 'gradient', shots: [5, 0, 2] });
  });

  it('refuses missing, duplicate and unknown shots, naming them', () => {
    expect(() => planJobs({ runId: 'r', iteration: 1, kind: 'gradient' }, spec)).toThrow(/shots: empty/);
    expect(() => planJobs({ runId: 'r', iteration: 1, kind: 'gradient', shots: [1, 1] }, spec)).toThrow(
      /duplicates/,
    );
    expect(() => planJobs({ runId: 'r', iteration: 1, kind: 'gradient', shots: [2, 6, 9] }, spec)).toThrow(
      /\[6, 9\]; expected ids below 6/,
    );
  });

  it('needs a trial for objective jobs and defaults born-norm to trial 0', () => {
    const fwi = validateRunSpec(fwiSpec());
    expect(() => planJobs({ runId: 'r', iteration: 1, kind: 'objective', shots: [0] }, fwi)).toThrow(
      /trial missing/,
    );
    expect(planJobs({ runId: 'r', iteration: 1, kind: 'born-norm', shots: [0] }, spec).trial).toEqual({
      index: 0,
      step: 0,
    });
  });
});
