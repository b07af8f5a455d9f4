import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchContext } from '../../../../scripts/local-cloud/batch/actions/context';
import { DescribeComputeEnvironments } from '../../../../scripts/local-cloud/batch/actions/DescribeComputeEnvironments';
import { DescribeJobQueues } from '../../../../scripts/local-cloud/batch/actions/DescribeJobQueues';
import { DescribeJobs } from '../../../../scripts/local-cloud/batch/actions/DescribeJobs';
import { SubmitJob } from '../../../../scripts/local-cloud/batch/actions/SubmitJob';
import { BLOCKED_REASONS } from '../../../../scripts/local-cloud/batch/placement';
import { BatchService } from '../../../../scripts/local-cloud/batch/service';
import { BatchStore } from '../../../../scripts/local-cloud/batch/store';
import { Faults } from '../../../../scripts/local-cloud/faults';
import type {
  ComputeEnvironmentDef,
  JobDefinitionDef,
  JobQueueDef,
} from '../../../../scripts/local-cloud/wiring/model';
import { jobDefinition } from '../../../support/batchJobDefinition';

const ARN = 'arn:aws:batch:us-east-1:000000000000';

function environment(name: string, resourceType: string): ComputeEnvironmentDef {
  return {
    name,
    arn: `${ARN}:compute-environment/${name}`,
    type: 'MANAGED',
    state: 'ENABLED',
    resourceType,
    instanceTypes: resourceType.startsWith('FARGATE') ? [] : ['c5'],
    minvCpus: 0,
    maxvCpus: 64,
  };
}

function queue(name: string, environments: ComputeEnvironmentDef[], state = 'ENABLED'): JobQueueDef {
  return {
    name,
    arn: `${ARN}:job-queue/${name}`,
    priority: 1,
    state,
    computeEnvironmentOrder: environments.map((env, index) => ({
      order: index + 1,
      computeEnvironment: env.arn,
    })),
  };
}

function definition(name: string, type: 'container' | 'multinode'): JobDefinitionDef {
  return jobDefinition(name, type, { command: 'work', vcpus: 2 });
}

describe('SubmitJob under the placement rules', () => {
  const spot = environment('spot', 'SPOT');
  const fargate = environment('fargate', 'FARGATE');
  let dataDir: string;
  let ctx: BatchContext;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'seisless-batch-unit-'));
    const store = new BatchStore(
      [queue('spot-jobs', [spot]), queue('fargate-jobs', [fargate]), queue('closed', [spot], 'DISABLED')],
      [definition('mpi', 'multinode'), definition('work', 'container')],
      [spot, fargate],
    );
    const service = new BatchService(store, {
      dataDir,
      env: {},
      faults: new Faults(),
      maxVcpus: 2,
      killGraceMs: 100,
    });
    ctx = { store, service, region: 'us-east-1', accountId: '000000000000' };
  });

  afterEach(async () => {
    await ctx.service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const submit = (jobQueue: string, jobDefinition: string) =>
    SubmitJob({ jobName: 'job', jobQueue, jobDefinition }, ctx) as { jobId: string };

  it('accepts a multi-node job on a Spot-only queue and keeps it RUNNABLE with AWS’s reason', async () => {
    const { jobId } = submit('spot-jobs', 'mpi');
    await new Promise((done) => setImmediate(done));

    const [job] = (DescribeJobs({ jobs: [jobId] }, ctx).jobs as Record<string, unknown>[]) ?? [];

    expect(job).toMatchObject({ status: 'RUNNABLE', statusReason: BLOCKED_REASONS.jobResourceRequirement });
    expect(job?.startedAt).toBeUndefined();
    expect(ctx.service.scheduler.inUse).toBe(0);
  });

  it('refuses a multi-node job on a Fargate queue at submission, with the ClientException AWS gives', () => {
    expect(() => submit('fargate-jobs', 'mpi')).toThrow(
      expect.objectContaining({
        code: 'ClientException',
        message: 'Job Queue is attached to Compute Environment that can not run Jobs with capability EC2.',
      }),
    );
  });

  it('refuses any job on a DISABLED queue', () => {
    expect(() => submit('closed', 'work')).toThrow(expect.objectContaining({ code: 'ClientException' }));
  });

  it('describes compute environments and queues as the API does', () => {
    const described = DescribeComputeEnvironments({ computeEnvironments: ['spot', 'unknown'] }, ctx);
    const queues = DescribeJobQueues({ jobQueues: ['fargate-jobs'] }, ctx);

    expect(described.computeEnvironments).toEqual([
      expect.objectContaining({
        computeEnvironmentName: 'spot',
        status: 'VALID',
        computeResources: expect.objectContaining({ type: 'SPOT', instanceTypes: ['c5'], maxvCpus: 64 }),
      }),
    ]);
    expect(queues.jobQueues).toEqual([
      expect.objectContaining({
        computeEnvironmentOrder: [{ order: 1, computeEnvironment: fargate.arn }],
        jobQueueType: 'ECS_FARGATE',
      }),
    ]);
  });
});
