import { ValidationError } from '@seisless/core';
import { JobsFailedError } from '../../../../services/submitter/src/errors';
import type { JobsRef } from '../../../../services/submitter/src/jobsRef';
import { jobProgress } from '../../../../services/submitter/src/progress';
import { FakeBatchJobs } from '../../../support/fakeBatchJobs';

const ref: JobsRef = {
  runId: 'demo',
  iteration: 2,
  kind: 'objective',
  jobIds: ['p'],
  shots: [4, 9],
  taskKey: 't',
  submittedAt: 0,
  deadline: 1_000,
  chunkCount: 0,
  trial: { index: 0, step: 0.5 },
};

describe('jobProgress', () => {
  it('reports progress without throwing when failOnError is false', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['SUCCEEDED', 'FAILED']);
    const progress = await jobProgress({ jobs: ref, failOnError: false }, { batch, now: () => 0 });
    expect(progress).toMatchObject({ state: 'FAILED', failedShots: [9], succeededShots: [4] });
  });

  it('throws JobsFailedError naming the failed shots and jobs with failOnError', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['SUCCEEDED', 'FAILED']);
    const failed = batch.children.get('p')?.[1];
    if (failed) Object.assign(failed, { exitCode: 2, statusReason: 'Essential container in task exited' });
    const run = jobProgress({ jobs: ref, failOnError: true }, { batch, now: () => 0 });
    await expect(run).rejects.toThrow(JobsFailedError);
    await expect(run).rejects.toThrow(
      'objective jobs of run demo, iteration 2: 1 of 2 failed: shot 9 (job p:1): exit code 2: Essential container in task exited',
    );
  });

  it('throws when jobs are overdue with failOnError', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['RUNNING', 'RUNNABLE']);
    await expect(jobProgress({ jobs: ref, failOnError: true }, { batch, now: () => 2_000 })).rejects.toThrow(
      /are overdue: 2 of 2 unfinished past the deadline 1970-01-01T00:00:01.000Z/,
    );
  });

  it('is RUNNING before the deadline', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['RUNNING', 'SUCCEEDED']);
    const progress = await jobProgress({ jobs: ref, failOnError: true }, { batch, now: () => 10 });
    expect(progress.state).toBe('RUNNING');
  });

  it('refuses an input without a JobsRef', async () => {
    await expect(
      jobProgress({ failOnError: true }, { batch: new FakeBatchJobs(), now: () => 0 }),
    ).rejects.toThrow(ValidationError);
  });
});
