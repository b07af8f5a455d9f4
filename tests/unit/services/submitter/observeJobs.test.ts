import { observeJobs } from '../../../../services/submitter/src/observeJobs';
import { FakeBatchJobs } from '../../../support/fakeBatchJobs';

describe('observeJobs', () => {
  it('lists the succeeded and failed children of an array parent', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['SUCCEEDED', 'FAILED', 'RUNNING']);
    const [observation] = await observeJobs({ jobIds: ['p'] }, batch);
    expect(observation?.children?.succeeded.map((c) => c.jobId)).toEqual(['p:0']);
    expect(observation?.children?.failed.map((c) => c.jobId)).toEqual(['p:1']);
  });

  it('skips a listing the summary says is empty while the parent runs', async () => {
    const batch = new FakeBatchJobs();
    batch.arrangeArray('p', ['SUCCEEDED', 'RUNNING']);
    await observeJobs({ jobIds: ['p'] }, batch);
    expect(batch.listCalls).toEqual([{ arrayJobId: 'p', status: 'SUCCEEDED' }]);
  });

  it('describes non-array jobs without listing, and marks unknown ones', async () => {
    const batch = new FakeBatchJobs();
    batch.jobs.set('a', { jobId: 'a', status: 'RUNNING' });
    const observations = await observeJobs({ jobIds: ['a', 'gone'] }, batch);
    expect(observations).toEqual([{ jobId: 'a', job: { jobId: 'a', status: 'RUNNING' } }, { jobId: 'gone' }]);
    expect(batch.listCalls).toEqual([]);
  });
});
