import { type JobFailureRecord, type JobsRef, jobsProgressSchema } from '@seisless/core';
import { JobsFailedError } from '../../../../services/submitter/src/errors';
import type { FailureRecordReader } from '../../../../services/submitter/src/failureRecords';
import { jobProgress, progressRequestSchema } from '../../../../services/submitter/src/progress';
import { FakeBatchJobs } from '../../../support/fakeBatchJobs';

const ref: JobsRef = {
  runId: 'demo',
  iteration: 2,
  kind: 'objective',
  jobIds: ['p'],
  shots: [4, 9],
  taskKey: 'runs/demo/iterations/2/tasks/objective-0.json',
  submittedAt: 0,
  deadline: 1_000,
  chunkCount: 0,
  trial: { index: 0, step: 0.5 },
};

/** Failure records by key, as the data bucket would hold them. */
function recordReader(objects: Record<string, unknown> = {}): FailureRecordReader {
  return {
    getJsonOrUndefined: async <T>(key: string) => objects[key] as T | undefined,
  };
}

const records = recordReader();
const RECORD_KEY = 'runs/demo/iterations/2/failures/objective-0-shot-9.json';
const refusal: JobFailureRecord = {
  version: 1,
  task: 'objective',
  shot: 9,
  kind: 'bad-input',
  reason: 's3://b/runs/demo/data/shot-9.npy: 5 traces; expected 21 traces, one per acquisition.receivers',
  subject: 's3://b/runs/demo/data/shot-9.npy',
  error: 'InputError',
  exitCode: 2,
  jobId: 'p:1',
  attempt: 1,
  failedAt: '2026-12-06T05:00:00.000Z',
};

/** An array job 'p' whose child 1 (shot 9) exited as Batch reports it. */
function failedChild(exit: { exitCode?: number; statusReason?: string; containerReason?: string }) {
  const batch = new FakeBatchJobs();
  batch.arrangeArray('p', ['SUCCEEDED', 'FAILED']);
  const failed = batch.children.get('p')?.[1];
  if (failed) Object.assign(failed, exit);
  return batch;
}

const exited2 = { exitCode: 2, statusReason: 'Essential container in task exited' };

describe('jobProgress', () => {
  it('reports progress without throwing when failOnError is false', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['SUCCEEDED', 'FAILED']);
    const progress = await jobProgress({ jobs: ref, failOnError: false }, { batch, records, now: () => 0 });
    expect(progress).toMatchObject({ state: 'FAILED', failedShots: [9], succeededShots: [4] });
  });

  it('throws JobsFailedError naming the failed shots, jobs and kinds with failOnError', async () => {
    const batch = failedChild(exited2);
    const run = jobProgress({ jobs: ref, failOnError: true }, { batch, records, now: () => 0 });
    await expect(run).rejects.toThrow(JobsFailedError);
    await expect(run).rejects.toThrow(
      'objective jobs of run demo, iteration 2: 1 of 2 failed: shot 9 (job p:1) bad-input: exit code 2: Essential container in task exited',
    );
  });

  it('reports a JobsProgress as the contract defines it, no field more or less', async () => {
    const deps = {
      batch: failedChild(exited2),
      records: recordReader({ [RECORD_KEY]: refusal }),
      now: () => 0,
    };

    const progress = await jobProgress({ jobs: ref, failOnError: false }, deps);

    expect(jobsProgressSchema.strict().parse(progress)).toEqual(progress);
  });

  it("puts the task's recorded line and kind in place of Batch's reason", async () => {
    const batch = failedChild(exited2);
    const deps = { batch, records: recordReader({ [RECORD_KEY]: refusal }), now: () => 0 };

    const progress = await jobProgress({ jobs: ref, failOnError: false }, deps);
    const thrown = await jobProgress({ jobs: ref, failOnError: true }, deps).catch((e: unknown) => e);

    expect(progress.failures).toEqual([{ jobId: 'p:1', shot: 9, kind: 'bad-input', reason: refusal.reason }]);
    expect(thrown).toBeInstanceOf(JobsFailedError);
    expect((thrown as JobsFailedError).message).toBe(
      `objective jobs of run demo, iteration 2: 1 of 2 failed: shot 9 (job p:1) bad-input: ${refusal.reason}`,
    );
    expect((thrown as JobsFailedError).failures).toEqual(progress.failures);
  });

  it("keeps Batch's reason when the record is another job's (an earlier submission)", async () => {
    const batch = failedChild({ exitCode: 1, statusReason: 'Essential container in task exited' });
    const stale = recordReader({ [RECORD_KEY]: { ...refusal, jobId: 'older:1' } });

    const progress = await jobProgress(
      { jobs: ref, failOnError: false },
      { batch, records: stale, now: () => 0 },
    );

    expect(progress.failures).toEqual([
      { jobId: 'p:1', shot: 9, kind: 'transient', reason: 'exit code 1: Essential container in task exited' },
    ]);
  });

  it("keeps Batch's reason when the record cannot be read or is not a record", async () => {
    const batch = failedChild(exited2);
    const broken: FailureRecordReader = {
      getJsonOrUndefined: async () => {
        throw new Error('AccessDenied');
      },
    };
    const malformed = recordReader({ [RECORD_KEY]: { reason: 'no version, no kind' } });

    const [denied, invalid] = await Promise.all(
      [broken, malformed].map((reader) =>
        jobProgress({ jobs: ref, failOnError: false }, { batch, records: reader, now: () => 0 }),
      ),
    );

    expect(denied?.failures[0]?.reason).toBe('exit code 2: Essential container in task exited');
    expect(invalid?.failures[0]?.reason).toBe('exit code 2: Essential container in task exited');
  });

  it('classifies a job killed without a record (out of memory, host lost) as transient', async () => {
    const oom = failedChild({
      exitCode: 137,
      containerReason: 'OutOfMemoryError: Container killed due to memory usage',
    });
    const lost = failedChild({ statusReason: 'Host EC2 (instance i-0abc) terminated.' });

    const [killed, hostLost] = await Promise.all(
      [oom, lost].map((batch) =>
        jobProgress({ jobs: ref, failOnError: false }, { batch, records, now: () => 0 }),
      ),
    );

    expect(killed?.failures).toEqual([
      {
        jobId: 'p:1',
        shot: 9,
        kind: 'transient',
        reason: 'exit code 137: OutOfMemoryError: Container killed due to memory usage',
      },
    ]);
    expect(hostLost?.failures[0]?.kind).toBe('transient');
  });

  it('throws when jobs are overdue with failOnError', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['RUNNING', 'RUNNABLE']);
    await expect(
      jobProgress({ jobs: ref, failOnError: true }, { batch, records, now: () => 2_000 }),
    ).rejects.toThrow(/are overdue: 2 of 2 unfinished past the deadline 1970-01-01T00:00:01.000Z/);
  });

  it('is RUNNING before the deadline', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['RUNNING', 'SUCCEEDED']);
    const progress = await jobProgress({ jobs: ref, failOnError: true }, { batch, records, now: () => 10 });
    expect(progress.state).toBe('RUNNING');
  });

  it('refuses an input without a JobsRef', () => {
    expect(progressRequestSchema.safeParse({ failOnError: true }).success).toBe(false);
  });
});
