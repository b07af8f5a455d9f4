import { validateRunSpec } from '@seisless/core';
import {
  jobName,
  jobSubmissions,
  type SubmissionContext,
} from '../../../../services/submitter/src/jobSubmissions';
import { lsrtmSpec } from '../../../support/runSpecs';

const config = {
  bucket: 'seisless-dev-data',
  jobQueue: 'seisless-submitter-dev-jobs',
  mpiJobQueue: 'seisless-submitter-dev-mpi-jobs',
  jobDefinition: 'seisless-submitter-dev-compute',
  mpiJobDefinition: 'seisless-submitter-dev-compute-mpi',
};

function context(compute: object = {}, rest: Partial<SubmissionContext> = {}): SubmissionContext {
  const spec = validateRunSpec(
    lsrtmSpec({ compute: { vcpus: 4, memoryMiB: 8192, retries: 2, timeoutS: 900, ...compute } }),
  );
  return {
    config,
    compute: spec.compute,
    plan: { runId: 'demo', iteration: 3, kind: 'gradient', shots: [4, 9, 17] },
    taskKey: 'runs/demo/iterations/3/tasks/gradient.json',
    reducerQueueUrl: 'https://sqs.local/q.fifo',
    ...rest,
  };
}

const env = (pairs: { name?: string; value?: string }[] | undefined) =>
  Object.fromEntries((pairs ?? []).map((p) => [p.name, p.value]));

describe('jobSubmissions', () => {
  it('sends single-node jobs to the on-demand queue with compute.spot false, and to Spot by default', () => {
    expect(jobSubmissions(context({ spot: false })).map((job) => job.jobQueue)).toEqual([config.mpiJobQueue]);
    expect(jobSubmissions(context()).map((job) => job.jobQueue)).toEqual([config.jobQueue]);
    const single = context(
      { spot: false },
      { plan: { runId: 'demo', iteration: 0, kind: 'model', shots: [] } },
    );
    expect(jobSubmissions(single)[0]).toMatchObject({
      jobQueue: config.mpiJobQueue,
      jobDefinition: config.jobDefinition,
    });
  });

  it('submits one array job over the shots, with the task in the environment', () => {
    const [job, ...rest] = jobSubmissions(context());
    expect(rest).toHaveLength(0);
    expect(job).toMatchObject({
      jobName: 'demo-3-gradient',
      jobQueue: config.jobQueue,
      jobDefinition: config.jobDefinition,
      arrayProperties: { size: 3 },
      retryStrategy: { attempts: 2 },
      timeout: { attemptDurationSeconds: 900 },
      propagateTags: true,
      tags: { 'seisless:run': 'demo', 'seisless:iteration': '3', 'seisless:kind': 'gradient' },
    });
    expect(job?.containerOverrides?.command).toEqual(['gradient']);
    expect(job?.containerOverrides?.resourceRequirements).toEqual([
      { type: 'VCPU', value: '4' },
      { type: 'MEMORY', value: '8192' },
    ]);
    expect(env(job?.containerOverrides?.environment)).toEqual({
      SEISLESS_BUCKET: 'seisless-dev-data',
      SEISLESS_TASK_KEY: 'runs/demo/iterations/3/tasks/gradient.json',
      SEISLESS_REDUCER_QUEUE_URL: 'https://sqs.local/q.fifo',
      SEISLESS_VCPUS: '4',
    });
  });

  it('submits a single job with SEISLESS_SHOT for one shot, and sets OMP threads when asked', () => {
    const ctx = context({ threads: 2 });
    const [job] = jobSubmissions({ ...ctx, plan: { ...ctx.plan, shots: [9] } });
    expect(job?.arrayProperties).toBeUndefined();
    expect(job?.jobName).toBe('demo-3-gradient-shot-9');
    expect(env(job?.containerOverrides?.environment)).toMatchObject({
      SEISLESS_SHOT: '9',
      OMP_NUM_THREADS: '2',
    });
  });

  it('submits the model job alone, without shot or queue', () => {
    const ctx = context({}, { reducerQueueUrl: undefined });
    const [job] = jobSubmissions({ ...ctx, plan: { runId: 'demo', iteration: 0, kind: 'model', shots: [] } });
    expect(job?.jobName).toBe('demo-0-model');
    const vars = env(job?.containerOverrides?.environment);
    expect(vars.SEISLESS_SHOT).toBeUndefined();
    expect(vars.SEISLESS_REDUCER_QUEUE_URL).toBeUndefined();
  });

  it('submits one multi-node job per shot for MPI gradients', () => {
    const jobs = jobSubmissions(context({ mpiRanks: 4 }));
    expect(jobs).toHaveLength(3);
    expect(jobs.map((j) => j.jobName)).toEqual([
      'demo-3-gradient-shot-4',
      'demo-3-gradient-shot-9',
      'demo-3-gradient-shot-17',
    ]);
    const [first] = jobs;
    expect(first?.jobDefinition).toBe(config.mpiJobDefinition);
    expect(first?.jobQueue).toBe(config.mpiJobQueue);
    expect(first?.containerOverrides).toBeUndefined();
    expect(first?.nodeOverrides?.numNodes).toBe(4);
    const node = first?.nodeOverrides?.nodePropertyOverrides?.[0];
    expect(node?.targetNodes).toBe('0:');
    expect(env(node?.containerOverrides?.environment).SEISLESS_SHOT).toBe('4');
  });

  it('uses array jobs for MPI runs of other kinds', () => {
    const ctx = context({ mpiRanks: 4 });
    const jobs = jobSubmissions({
      ...ctx,
      plan: { ...ctx.plan, kind: 'born-norm', trial: { index: 0, step: 0 } },
    });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.jobName).toBe('demo-3-born-norm-0');
  });
});

describe('jobName', () => {
  it('keeps letters, digits, dashes and underscores, at most 128 characters', () => {
    expect(jobName('run.1/2-x_y')).toBe('run-1-2-x_y');
    expect(jobName('a'.repeat(200))).toHaveLength(128);
  });
});
