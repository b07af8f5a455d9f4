import { ledgerAttemptsOfJobs } from '../../../../scripts/report/batchAttempts';

describe('ledgerAttemptsOfJobs', () => {
  it("turns DescribeJobs attempts into the ledger's attempts, a retried job's first one failed", () => {
    const attempts = ledgerAttemptsOfJobs(
      'demo.1',
      [
        {
          jobName: 'demo-1-2-gradient-shot-3',
          status: 'SUCCEEDED',
          container: { resourceRequirements: [{ type: 'VCPU', value: '4' }] },
          attempts: [
            { startedAt: 1000, stoppedAt: 5000 },
            { startedAt: 6000, stoppedAt: 9500 },
          ],
        },
      ],
      1,
    );

    expect(attempts).toEqual([
      { iteration: 2, task: 'gradient', shot: 3, attempt: 1, failed: true, wall_s: 4, vcpus: 4, nodes: 1 },
      { iteration: 2, task: 'gradient', shot: 3, attempt: 2, failed: false, wall_s: 3.5, vcpus: 4, nodes: 1 },
    ]);
  });

  it('prices every attempt of a failed job as failed, multi-node jobs per node, and skips array parents and other runs', () => {
    const attempts = ledgerAttemptsOfJobs(
      'r1',
      [
        { jobName: 'r1-1-gradient', status: 'SUCCEEDED', arrayProperties: { size: 2 }, attempts: [] },
        {
          jobId: 'p:0',
          jobName: 'r1-1-gradient',
          status: 'FAILED',
          arrayProperties: { index: 0 },
          attempts: [{ startedAt: 0, stoppedAt: 2000 }],
        },
        {
          jobName: 'r1-1-gradient-shot-0',
          status: 'SUCCEEDED',
          nodeProperties: { numNodes: 2 },
          attempts: [{ startedAt: 0, stoppedAt: 1000 }],
        },
        { jobName: 'r10-1-gradient-shot-0', status: 'SUCCEEDED', attempts: [{ startedAt: 0, stoppedAt: 1 }] },
        { jobName: 'r1-1-model', status: 'RUNNING', attempts: [{ startedAt: 0 }] },
      ],
      2,
    );

    expect(attempts.map((a) => [a.shot, a.failed, a.wall_s, a.vcpus, a.nodes, a.job_id])).toEqual([
      [null, true, 2, 2, 1, 'p:0'],
      [0, false, 1, 2, 2, undefined],
    ]);
  });

  it("leaves out the jobs of a run whose id extends this one's, and those another run's tag claims", () => {
    const done = [{ startedAt: 0, stoppedAt: 1000 }];
    const attempts = ledgerAttemptsOfJobs(
      'r1',
      [
        { jobName: 'r1-2-1-gradient-shot-0', status: 'SUCCEEDED', attempts: done },
        { jobName: 'r1-2-1-born-norm-0', status: 'SUCCEEDED', attempts: done },
        { jobName: 'r1-3-objective-1-shot-4', status: 'SUCCEEDED', attempts: done },
        {
          jobName: 'r1-3-objective-1-shot-5',
          status: 'SUCCEEDED',
          attempts: done,
          tags: { 'seisless:run': 'r1' },
        },
        {
          jobName: 'r1-3-gradient-shot-6',
          status: 'SUCCEEDED',
          attempts: done,
          tags: { 'seisless:run': 'r1.x' },
        },
      ],
      1,
    );

    expect(attempts.map((a) => [a.iteration, a.task, a.shot])).toEqual([
      [3, 'objective-1', 4],
      [3, 'objective-1', 5],
    ]);
  });

  it('tells apart two runs whose ids give the same job names, by their tags', () => {
    const job = (run: string, shot: number) => ({
      jobName: `a-b-1-gradient-shot-${shot}`,
      status: 'SUCCEEDED',
      attempts: [{ startedAt: 0, stoppedAt: 2000 }],
      tags: { 'seisless:run': run },
    });

    const attempts = ledgerAttemptsOfJobs('a.b', [job('a.b', 0), job('a-b', 1)], 1);

    expect(attempts.map((a) => a.shot)).toEqual([0]);
  });
});
