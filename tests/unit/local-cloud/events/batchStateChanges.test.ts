import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchContext } from '../../../../scripts/local-cloud/batch/actions/context';
import { DescribeJobs } from '../../../../scripts/local-cloud/batch/actions/DescribeJobs';
import { SubmitJob } from '../../../../scripts/local-cloud/batch/actions/SubmitJob';
import { BLOCKED_REASONS } from '../../../../scripts/local-cloud/batch/placement';
import { BatchService } from '../../../../scripts/local-cloud/batch/service';
import { BatchStore } from '../../../../scripts/local-cloud/batch/store';
import type { BusEvent } from '../../../../scripts/local-cloud/events/batchJobEvent';
import { batchStateChanges } from '../../../../scripts/local-cloud/events/batchStateChanges';
import { EventBus } from '../../../../scripts/local-cloud/events/eventBus';
import { Faults } from '../../../../scripts/local-cloud/faults';
import type { JobDefinitionDef } from '../../../../scripts/local-cloud/wiring/model';
import { jobDefinition } from '../../../support/batchJobDefinition';

const ARN = 'arn:aws:batch:us-east-1:000000000000';
const SCOPE = { region: 'us-east-1', accountId: '000000000000' };

function definition(name: string, type: 'container' | 'multinode'): JobDefinitionDef {
  return jobDefinition(name, type, { command: '0', vcpus: 1 });
}

/** A local Batch (one Spot environment: no multi-node job runs there) whose events a bus records. */
async function setup(dataDir: string) {
  const spot = {
    name: 'spot',
    arn: `${ARN}:compute-environment/spot`,
    type: 'MANAGED',
    state: 'ENABLED',
    resourceType: 'SPOT',
    instanceTypes: ['c5'],
    minvCpus: 0,
    maxvCpus: 64,
  };
  const queue = {
    name: 'jobs',
    arn: `${ARN}:job-queue/jobs`,
    priority: 1,
    state: 'ENABLED',
    computeEnvironmentOrder: [{ order: 1, computeEnvironment: spot.arn }],
  };
  const store = new BatchStore(
    [queue],
    [definition('work', 'container'), definition('mpi', 'multinode')],
    [spot],
  );
  const delivered: BusEvent[] = [];
  const bus = await EventBus.start({
    rules: [
      {
        logicalId: 'All',
        service: 'test',
        name: 'all',
        arn: 'arn:aws:events:us-east-1:000000000000:rule/all',
        state: 'ENABLED',
        pattern: { source: ['aws.batch'], 'detail-type': ['Batch Job State Change'] },
        targets: [
          { id: 't', functionName: 'record', functionArn: 'arn:aws:lambda:us-east-1:0:function:record' },
        ],
      },
    ],
    invoke: async (_name, event) => {
      delivered.push(event as BusEvent);
      return { ok: true, payload: null, requestId: 'r' };
    },
    authorize: async () => undefined,
    retriesOf: () => 2,
    retryDelaysMs: [1, 2],
    log: () => undefined,
  });
  const service = new BatchService(store, {
    dataDir,
    env: {},
    faults: new Faults(),
    maxVcpus: 2,
    killGraceMs: 100,
    onStatusChange: batchStateChanges(bus, store, { ...SCOPE, log: () => undefined }),
  });
  const ctx: BatchContext = { store, service, ...SCOPE };
  return { ctx, bus, delivered };
}

const statuses = (events: BusEvent[], jobId: string): unknown[] =>
  events.filter((event) => event.detail.jobId === jobId).map((event) => event.detail.status);

describe('batchStateChanges: the local Batch on the event bus', () => {
  let dataDir: string;
  let harness: Awaited<ReturnType<typeof setup>>;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'seisless-events-unit-'));
    harness = await setup(dataDir);
  });

  afterEach(async () => {
    harness.bus.stop();
    await harness.ctx.service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const submit = (input: Record<string, unknown>) =>
    (
      SubmitJob({ jobName: 'job', jobQueue: 'jobs', jobDefinition: 'work', ...input }, harness.ctx) as {
        jobId: string;
      }
    ).jobId;

  const finished = async (jobId: string) => {
    for (let polls = 0; polls < 400; polls += 1) {
      const [job] = DescribeJobs({ jobs: [jobId] }, harness.ctx).jobs as Record<string, unknown>[];
      if (job?.status === 'SUCCEEDED' || job?.status === 'FAILED') return;
      await new Promise((done) => setTimeout(done, 10));
    }
    throw new Error(`job ${jobId} did not finish`);
  };

  it('sends one event per status change (none at submission), the job as DescribeJobs shows it then', async () => {
    const jobId = submit({ tags: { run: 'r-1' } });
    await finished(jobId);
    await harness.bus.idle();
    const { delivered } = harness;
    const last = delivered.at(-1);

    expect(statuses(delivered, jobId)).toEqual(['RUNNABLE', 'STARTING', 'RUNNING', 'SUCCEEDED']);
    expect(last).toMatchObject({
      version: '0',
      'detail-type': 'Batch Job State Change',
      source: 'aws.batch',
      account: '000000000000',
      region: 'us-east-1',
      resources: [`${ARN}:job/${jobId}`],
      detail: {
        jobId,
        jobQueue: `${ARN}:job-queue/jobs`,
        status: 'SUCCEEDED',
        tags: { run: 'r-1' },
        attempts: [expect.objectContaining({ container: expect.objectContaining({ exitCode: 0 }) })],
        stoppedAt: expect.any(Number),
      },
    });
    expect(last?.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(delivered[0]?.detail.status).toBe('RUNNABLE');
    expect(new Set(delivered.map((event) => event.id)).size).toBe(delivered.length);
  });

  it('sends the events of an array parent and of each child, children with their index', async () => {
    const parentId = submit({
      arrayProperties: { size: 2 },
      containerOverrides: { resourceRequirements: [{ type: 'VCPU', value: '1000' }] },
    });
    await new Promise((done) => setImmediate(done));
    harness.ctx.service.cancel(harness.ctx.store.job(parentId), 'not needed');
    await harness.bus.idle();
    const { delivered } = harness;
    const child = delivered.find((event) => event.detail.jobId === `${parentId}:1`);

    expect(statuses(delivered, parentId)).toEqual(['PENDING', 'FAILED']);
    expect(statuses(delivered, `${parentId}:0`)).toEqual(['RUNNABLE', 'FAILED']);
    expect(statuses(delivered, `${parentId}:1`)).toEqual(['RUNNABLE', 'FAILED']);
    expect(child?.detail).toMatchObject({
      arrayProperties: { index: 1 },
      statusReason: BLOCKED_REASONS.jobResourceRequirement,
    });
    expect(delivered.at(-1)?.detail.arrayProperties).toMatchObject({
      size: 2,
      statusSummary: expect.objectContaining({ FAILED: 2 }),
    });
  });

  it('sends the events of a multi-node job with its node properties', async () => {
    const jobId = submit({ jobDefinition: 'mpi' });
    await new Promise((done) => setImmediate(done));
    harness.ctx.service.cancel(harness.ctx.store.job(jobId), 'no on-demand environment');
    await harness.bus.idle();

    expect(statuses(harness.delivered, jobId)).toEqual(['RUNNABLE', 'FAILED']);
    expect(harness.delivered.at(-1)?.detail).toMatchObject({
      status: 'FAILED',
      statusReason: 'no on-demand environment',
      nodeProperties: expect.objectContaining({ numNodes: 2 }),
    });
  });
});
