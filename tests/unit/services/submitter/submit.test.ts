import { InputError, jobsRefSchema, runKeys, validateRunSpec } from '@seisless/core';
import type { SubmitterConfig } from '../../../../services/submitter/src/config';
import { submitJobs } from '../../../../services/submitter/src/submit';
import { FakeBatchJobs } from '../../../support/fakeBatchJobs';
import { memoryObjectStore } from '../../../support/memoryObjectStore';
import { lsrtmSpec } from '../../../support/runSpecs';

const config: SubmitterConfig = {
  bucket: 'seisless-dev-data',
  jobQueue: 'jobs',
  mpiJobQueue: 'mpi-jobs',
  jobDefinition: 'compute',
  mpiJobDefinition: 'compute-mpi',
  reducerQueueName: 'gradients.fifo',
  deadlineSlackS: 300,
  queueAllowanceS: 600,
};

async function arrange(specOverrides = {}) {
  const store = memoryObjectStore();
  await store.putJson(
    runKeys('demo').spec,
    validateRunSpec(lsrtmSpec({ reduction: { chunkSize: 2048 }, ...specOverrides })),
  );
  const batch = new FakeBatchJobs();
  const queueUrl = jest.fn(async () => 'https://sqs.local/gradients.fifo');
  return {
    store,
    batch,
    queueUrl,
    deps: { config, store, batch, reducerQueueUrl: queueUrl, now: () => 1_000_000 },
  };
}

describe('submitJobs', () => {
  it('writes the gradient task file, submits one array job and returns its JobsRef', async () => {
    const { store, batch, queueUrl, deps } = await arrange();
    const ref = await submitJobs({ runId: 'demo', iteration: 2, kind: 'gradient', shots: [3, 0] }, deps);
    const taskKey = runKeys('demo').task(2, 'gradient');
    expect(ref).toEqual({
      runId: 'demo',
      iteration: 2,
      kind: 'gradient',
      jobIds: ['job-1'],
      shots: [3, 0],
      taskKey,
      submittedAt: 1_000_000,
      deadline: 1_000_000 + (3 * 3600 + 300 + 600) * 1000,
      chunkCount: 3, // 101 × 51 = 5151 elements in chunks of 2048
    });
    expect(jobsRefSchema.strict().parse(ref)).toEqual(ref);
    expect(await store.getJson(taskKey)).toMatchObject({
      task: 'gradient',
      shots: [3, 0],
      reduction: { chunkSize: 2048, batchSize: 2 },
    });
    expect(batch.submitted).toHaveLength(1);
    expect(queueUrl).toHaveBeenCalledTimes(1);
  });

  it('does not look up the reducer queue for other kinds, and keeps the trial in the ref', async () => {
    const { batch, queueUrl, deps } = await arrange();
    const ref = await submitJobs(
      { runId: 'demo', iteration: 2, kind: 'born-norm', shots: [1], trial: { index: 0, step: 0 } },
      deps,
    );
    expect(queueUrl).not.toHaveBeenCalled();
    expect(ref).toMatchObject({
      kind: 'born-norm',
      chunkCount: 0,
      trial: { index: 0, step: 0 },
      taskKey: runKeys('demo').task(2, 'born-norm-0'),
    });
    expect(batch.submitted[0]?.arrayProperties).toBeUndefined();
  });

  it('submits one multi-node job per shot for MPI runs, in shot order', async () => {
    const { batch, deps } = await arrange({ compute: { mpiRanks: 2 } });
    const ref = await submitJobs({ runId: 'demo', iteration: 1, kind: 'gradient', shots: [5, 2, 4] }, deps);
    expect(ref.jobIds).toEqual(['job-1', 'job-2', 'job-3']);
    expect(batch.submitted.map((j) => j.jobName)).toEqual([
      'demo-1-gradient-shot-5',
      'demo-1-gradient-shot-2',
      'demo-1-gradient-shot-4',
    ]);
  });

  it('fails with an InputError when the run has no spec', async () => {
    const { deps } = await arrange();
    await expect(submitJobs({ runId: 'other', iteration: 0, kind: 'model' }, deps)).rejects.toThrow(
      InputError,
    );
    await expect(submitJobs({ runId: 'other', iteration: 0, kind: 'model' }, deps)).rejects.toThrow(
      /runs\/other\/spec\.json: not found/,
    );
  });
});
