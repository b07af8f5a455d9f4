import type { JobsRef } from '@seisless/core';
import { cancelJobs } from '../../../../services/submitter/src/cancel';
import { FakeBatchJobs } from '../../../support/fakeBatchJobs';

const ref = (jobIds: string[]): JobsRef => ({
  runId: 'demo',
  iteration: 1,
  kind: 'gradient',
  jobIds,
  shots: [0, 1, 2],
  taskKey: 't',
  submittedAt: 0,
  deadline: 1,
  chunkCount: 1,
});

describe('cancelJobs', () => {
  it('terminates unfinished jobs, and running children of arrays, with a reason', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('arr', ['SUCCEEDED', 'RUNNING', 'RUNNABLE']);
    batch.jobs.set('done', { jobId: 'done', status: 'SUCCEEDED' });
    batch.jobs.set('mpi', { jobId: 'mpi', status: 'STARTING' });
    const result = await cancelJobs(
      { runId: 'demo', jobs: [ref(['arr']), ref(['done', 'mpi'])], reason: 'stopped by user' },
      { batch },
    );
    expect(result).toEqual({ runId: 'demo', terminated: ['arr', 'arr:1', 'mpi'] });
    expect(batch.terminated).toEqual([
      { jobId: 'arr', reason: 'stopped by user' },
      { jobId: 'arr:1', reason: 'stopped by user' },
      { jobId: 'mpi', reason: 'stopped by user' },
    ]);
  });

  it('takes a single JobsRef and gives a default reason', async () => {
    const batch = new FakeBatchJobs();
    batch.jobs.set('j', { jobId: 'j', status: 'RUNNABLE' });
    await cancelJobs({ runId: 'demo', jobs: ref(['j']) }, { batch });
    expect(batch.terminated).toEqual([{ jobId: 'j', reason: 'seisless: run demo was stopped' }]);
  });
});
