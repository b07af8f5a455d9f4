import {
  BatchClient,
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
} from '@aws-sdk/client-batch';
import { mockClient } from 'aws-sdk-client-mock';
import { batchJobs } from '../../../../../services/submitter/src/adapters/batchJobs';

const batchMock = mockClient(BatchClient);

beforeEach(() => batchMock.reset());

describe('batchJobs', () => {
  it('submits a job and returns its id', async () => {
    batchMock.on(SubmitJobCommand).resolves({ jobId: 'j-1', jobName: 'n' });
    const id = await batchJobs(new BatchClient({})).submitJob({
      jobName: 'n',
      jobQueue: 'q',
      jobDefinition: 'd',
    });
    expect(id).toBe('j-1');
    expect(batchMock.commandCalls(SubmitJobCommand)[0]?.args[0].input).toEqual({
      jobName: 'n',
      jobQueue: 'q',
      jobDefinition: 'd',
    });
  });

  it('describes jobs 100 at a time and maps array parents', async () => {
    batchMock.on(DescribeJobsCommand).callsFake((input: { jobs: string[] }) => ({
      jobs: input.jobs.map((jobId) => ({
        jobId,
        jobName: 'n',
        jobQueue: 'q',
        jobDefinition: 'd',
        status: 'PENDING',
        startedAt: undefined,
        arrayProperties: { size: 3, statusSummary: { RUNNING: 2, SUCCEEDED: 1 } },
      })),
    }));
    const ids = Array.from({ length: 150 }, (_, i) => `j-${i}`);
    const infos = await batchJobs(new BatchClient({})).describeJobs(ids);
    expect(batchMock.commandCalls(DescribeJobsCommand)).toHaveLength(2);
    expect(infos).toHaveLength(150);
    expect(infos[0]).toEqual({
      jobId: 'j-0',
      status: 'PENDING',
      arraySize: 3,
      statusSummary: { RUNNING: 2, SUCCEEDED: 1 },
    });
  });

  it('lists array children of one status across pages', async () => {
    batchMock
      .on(ListJobsCommand)
      .resolvesOnce({
        jobSummaryList: [
          {
            jobId: 'p:0',
            jobName: 'n',
            status: 'FAILED',
            arrayProperties: { index: 0 },
            container: { exitCode: 2, reason: 'bad' },
          },
        ],
        nextToken: 't',
      })
      .resolvesOnce({
        jobSummaryList: [
          { jobId: 'p:4', jobName: 'n', status: 'FAILED', arrayProperties: { index: 4 }, stoppedAt: 9 },
        ],
      });
    const children = await batchJobs(new BatchClient({})).listArrayChildren('p', 'FAILED');
    expect(children).toEqual([
      { jobId: 'p:0', status: 'FAILED', arrayIndex: 0, exitCode: 2, containerReason: 'bad' },
      { jobId: 'p:4', status: 'FAILED', arrayIndex: 4, stoppedAt: 9 },
    ]);
    const calls = batchMock.commandCalls(ListJobsCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { arrayJobId: 'p', jobStatus: 'FAILED', maxResults: 1000, nextToken: undefined },
      { arrayJobId: 'p', jobStatus: 'FAILED', maxResults: 1000, nextToken: 't' },
    ]);
  });

  it('terminates a job with its reason', async () => {
    batchMock.on(TerminateJobCommand).resolves({});
    await batchJobs(new BatchClient({})).terminateJob('j', 'stopped');
    expect(batchMock.commandCalls(TerminateJobCommand)[0]?.args[0].input).toEqual({
      jobId: 'j',
      reason: 'stopped',
    });
  });
});
