import { costLedger, type LedgerInputs } from '../../../../scripts/report/costLedger';
import type { PriceTable } from '../../../../scripts/report/priceTable';
import { jobTimings } from '../../../support/jobTimings';

// A hand-made table with round prices: only c5.large is priced, so every job lands on it.
const prices: PriceTable = {
  region: 'us-east-1',
  date: '2026-12-06',
  currency: 'USD',
  source: 'hand-made',
  ec2OnDemandPerHour: { 'c5.large': 0.1 },
  spotFractionOfOnDemand: 0.5,
  spotSource: 'half',
  lambdaPerGbSecond: { x86_64: 0.00001, arm64: 0.000008 },
  lambdaPerRequest: 0.000001,
  sqsStandardPerRequest: 0.0000004,
  sqsFifoPerRequest: 0.000001,
  stepFunctionsPerTransition: 0.00002,
  s3PerGbMonth: 0.02,
  s3GetPerRequest: 0.000001,
  s3PutPerRequest: 0.00001,
  s3ListPerRequest: 0.00001,
  s3DaysPerMonth: 30,
};
// 1 vCPU and 990 MiB: half of a c5.large (2 vCPUs, 3960 MiB reservable) by vCPUs.
const compute = { vcpus: 1, memoryMiB: 990, mpiRanks: 1 };
const base: LedgerInputs = {
  prices,
  compute,
  jobs: [],
  invocations: undefined,
  storedBytes: undefined,
  runWallS: 0,
};

describe('costLedger', () => {
  it('prices each attempt at its share of the spot instance, by iteration', () => {
    const ledger = costLedger({
      ...base,
      jobs: [
        jobTimings({ iteration: 1, shot: 0, total_s: 3600 }),
        jobTimings({ iteration: 1, shot: 1, total_s: 1800 }),
        jobTimings({ iteration: 2, shot: 0, total_s: 7200 }),
      ],
    });
    // 0.1 $/h × 0.5 (share) × 0.5 (spot) = 0.025 $/h.
    expect(ledger.attempts.map((a) => a.usd)).toEqual([0.025, 0.0125, 0.05]);
    expect(ledger.attempts[0]).toMatchObject({ instance_type: 'c5.large', purchase: 'spot' });
    expect(ledger.per_iteration).toEqual([
      { k: 1, attempts: 2, failed_attempts: 0, batch_usd: 0.0375 },
      { k: 2, attempts: 1, failed_attempts: 0, batch_usd: 0.05 },
    ]);
    expect(ledger.batch_ec2.usd).toBe(0.0875);
  });

  it('prices multi-node jobs on demand, per node', () => {
    const ledger = costLedger({
      ...base,
      compute: { ...compute, mpiRanks: 2 },
      jobs: [jobTimings({ ranks: 2, total_s: 3600 })],
    });
    // on-demand: 0.1 $/h × 0.5 (share) × 2 nodes.
    expect(ledger.priced_as).toMatchObject({ environment: 'mpi', purchase: 'on-demand' });
    expect(ledger.batch_ec2.usd).toBe(0.1);
  });

  it('prices single-node jobs on demand with compute.spot false (the on-demand queue)', () => {
    const ledger = costLedger({
      ...base,
      compute: { ...compute, spot: false },
      jobs: [jobTimings({ total_s: 3600 })],
    });
    // on-demand: 0.1 $/h × 0.5 (share), no Spot discount.
    expect(ledger.priced_as).toMatchObject({ environment: 'mpi', purchase: 'on-demand' });
    expect(ledger.batch_ec2.usd).toBe(0.05);
  });

  it('counts the failed attempts Batch reports, and names those it cannot price', () => {
    const attempt = { iteration: 1, task: 'gradient', shot: 0, vcpus: 1, nodes: 1 };
    const measured = costLedger({
      ...base,
      usage: {
        batchAttempts: [
          { ...attempt, attempt: 1, failed: true, wall_s: 1800 },
          { ...attempt, attempt: 2, failed: false, wall_s: 3600 },
        ],
      },
    });
    expect(measured.per_iteration).toEqual([{ k: 1, attempts: 2, failed_attempts: 1, batch_usd: 0.0375 }]);
    expect(measured.batch_ec2.quantities.failed_attempts).toBe(1);

    const inferred = costLedger({ ...base, jobs: [jobTimings({ attempt: 3, total_s: 3600 })] });
    expect(inferred.batch_ec2.usd).toBe(0.025);
    expect(inferred.unpriced[0]).toMatch(/^2 failed Batch attempt\(s\)/);
  });

  it("takes an array child's shot from the timings with its Batch job id", () => {
    const child = {
      iteration: 1,
      task: 'gradient',
      shot: null,
      attempt: 1,
      failed: false,
      vcpus: 1,
      nodes: 1,
    };
    const ledger = costLedger({
      ...base,
      jobs: [jobTimings({ jobId: 'p:0', shot: 7 }), jobTimings({ jobId: 'p:1', shot: 9 })],
      usage: {
        batchAttempts: [
          { ...child, wall_s: 1, job_id: 'p:1' },
          { ...child, wall_s: 1, job_id: 'p:0' },
          { ...child, wall_s: 1, job_id: 'p:2' },
        ],
      },
    });
    expect(ledger.attempts.map((a) => a.shot)).toEqual([9, 7, null]);
  });

  it('sums the services into the total, each from its own counts', () => {
    const ledger = costLedger({
      ...base,
      jobs: [jobTimings({ total_s: 3600 })],
      invocations: { reduce: 10, iterate: 5 },
      storedBytes: 1024 ** 3,
      runWallS: 30 * 86400,
      usage: {
        // 2 GB-s on arm64, 1 on x86_64: each at its architecture's rate
        lambdaCompute: {
          reduce: { billedMs: 2000, memoryMb: 1024, architecture: 'arm64' },
          iterate: { billedMs: 2000, memoryMb: 512, architecture: 'x86_64' },
        },
        sqsRequests: { standard: 1000, fifo: 100 },
        stepFunctionsTransitions: 50,
        s3Requests: { get: 1000, put: 100, list: 10 },
      },
    });
    expect(ledger.lambda.usd).toBeCloseTo(15 * 0.000001 + 2 * 0.000008 + 1 * 0.00001, 12);
    expect(ledger.lambda.quantities).toMatchObject({ requests: 15, gb_seconds: 3, arm64_gb_seconds: 2 });
    expect(ledger.sqs.usd).toBeCloseTo(1000 * 0.0000004 + 100 * 0.000001, 12);
    expect(ledger.step_functions.usd).toBeCloseTo(0.001, 12);
    // 1 GiB over 30 days = 1 GB-month; 1000 GET, 100 PUT, 10 LIST.
    expect(ledger.s3.usd).toBeCloseTo(0.02 + 0.001 + 0.001 + 0.0001, 12);
    const lines = [ledger.batch_ec2, ledger.lambda, ledger.sqs, ledger.step_functions, ledger.s3];
    expect(ledger.total_usd).toBeCloseTo(
      lines.reduce((n, l) => n + (l.usd ?? 0), 0),
      10,
    );
    expect(ledger.total_usd).toBeCloseTo(0.025 + 0.000041 + 0.0005 + 0.001 + 0.0221, 10);
    expect(ledger.unpriced).toEqual([]);
  });

  it('leaves what no one counted out of the total, and says so', () => {
    const ledger = costLedger({ ...base, jobs: [jobTimings({ total_s: 3600 })] });
    expect([ledger.lambda.usd, ledger.sqs.usd, ledger.step_functions.usd, ledger.s3.usd]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(ledger.total_usd).toBe(0.025);
    expect(ledger.unpriced).toHaveLength(6);
    expect(ledger.notes.join(' ')).toMatch(/ratio 1\.0.*no measurement/);
  });

  it('scales job time by a measured throughput ratio', () => {
    const ledger = costLedger({
      ...base,
      jobs: [jobTimings({ total_s: 3600 })],
      throughput: { ratio: 2, basis: 'measured: this machine is half as fast' },
    });
    expect(ledger.batch_ec2.usd).toBe(0.05);
    expect(ledger.priced_as.basis).toBe('measured: this machine is half as fast');
  });
});
