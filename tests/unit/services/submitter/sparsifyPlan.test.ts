import { runKeys, ValidationError, validateRunSpec } from '@seisless/core';
import { planJobs } from '../../../../services/submitter/src/jobPlan';
import { jobSubmissions } from '../../../../services/submitter/src/jobSubmissions';
import { buildTaskFile } from '../../../../services/submitter/src/taskFile';
import { lsrtmSpec } from '../../../support/runSpecs';

const base = lsrtmSpec();
const sparseSpec = validateRunSpec(
  { ...base, algorithm: { ...base.algorithm, sparsity: { wavelet: 'sym8', levels: 3 } } },
  'spec',
);
const keys = runKeys('r');

describe('the sparsify job of sparse LS-RTM', () => {
  it('is one job without shots that carries the accepted step', () => {
    const plan = planJobs({ runId: 'r', iteration: 2, kind: 'sparsify', step: 0.125 }, sparseSpec);

    expect(plan).toEqual({ runId: 'r', iteration: 2, kind: 'sparsify', shots: [], step: 0.125 });
    const [job, ...others] = jobSubmissions({
      config: { bucket: 'b', jobQueue: 'q', mpiJobQueue: 'mq', jobDefinition: 'd', mpiJobDefinition: 'md' },
      compute: sparseSpec.compute,
      plan,
      taskKey: keys.task(2, 'sparsify'),
    });
    expect(others).toEqual([]);
    expect(job?.arrayProperties).toBeUndefined();
    expect(job?.containerOverrides?.command).toEqual(['sparsify']);
    expect(job?.containerOverrides?.environment?.map((e) => e.name)).not.toContain('SEISLESS_SHOT');
  });

  it("reads z_{k−1} and the previous record from the second iteration on, with the spec's settings and defaults", () => {
    const first = buildTaskFile(sparseSpec, {
      runId: 'r',
      iteration: 1,
      kind: 'sparsify',
      shots: [],
      step: 0.5,
    });
    const second = buildTaskFile(sparseSpec, {
      runId: 'r',
      iteration: 2,
      kind: 'sparsify',
      shots: [],
      step: 0.5,
    });

    expect(first.inputs).toEqual({ direction: keys.direction(1) });
    expect(second.inputs).toEqual({
      direction: keys.direction(2),
      dual: keys.dual(1),
      sparsity: keys.sparsityRecord(1),
    });
    expect(second.outputs).toEqual({
      model: keys.model(2),
      dual: keys.dual(2),
      sparsity: keys.sparsityRecord(2),
      timings: keys.taskTimings(2, 'sparsify'),
    });
    expect(second.sparsity).toEqual({
      transform: 'wavelet',
      wavelet: 'sym8',
      levels: 3,
      quantile: 0.95,
      scale: 1,
      step: 0.5,
    });
  });

  it('refuses a sparsify request without a step, or for a run without sparsity, in one line', () => {
    expect(() => planJobs({ runId: 'r', iteration: 1, kind: 'sparsify' }, sparseSpec)).toThrow(
      'submit input: step missing; expected the accepted step of a sparsify job',
    );
    expect(() =>
      planJobs({ runId: 'r', iteration: 1, kind: 'sparsify', step: 1 }, validateRunSpec(base, 'spec')),
    ).toThrow('submit input: kind sparsify for run r; expected a run spec with algorithm.sparsity (LS-RTM)');
  });

  it('refuses to build the task file of a sparsify plan without a step or sparsity, naming the plan', () => {
    const plan = { runId: 'r', iteration: 1, kind: 'sparsify' as const, shots: [] };

    expect(() => buildTaskFile(sparseSpec, plan)).toThrow(ValidationError);
    expect(() => buildTaskFile(sparseSpec, plan)).toThrow(
      'sparsify plan of run r: no step; expected the step the line search accepted',
    );
    expect(() => buildTaskFile(validateRunSpec(base, 'spec'), { ...plan, step: 1 })).toThrow(
      'sparsify plan of run r: a spec without algorithm.sparsity; expected an LS-RTM spec with algorithm.sparsity',
    );
  });
});
