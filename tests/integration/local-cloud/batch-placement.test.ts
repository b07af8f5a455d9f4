import {
  BatchClient,
  CancelJobCommand,
  ClientException,
  DescribeComputeEnvironmentsCommand,
  DescribeJobQueuesCommand,
  SubmitJobCommand,
} from '@aws-sdk/client-batch';
import { batchHelpers, finished, QUEUE, WORK } from './support/batch';
import { type FixtureCloud, startFixtureCloud, useCloudEnvironment } from './support/cloud';

jest.setTimeout(120000);

const ARN = 'arn:aws:batch:us-east-1:000000000000';
const MPI = 'lc-jobs-local-mpi';
const SPOT_QUEUE = 'lc-jobs-local-spot-queue';
const SPOT_FIRST_QUEUE = 'lc-jobs-local-spot-first-queue';
const JOB_RESOURCE_REQUIREMENT =
  'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.';

/** Long enough for a placeable job to have started several times over on an idle cloud. */
const SETTLE_MS = 1500;

describe('local cloud: Batch placement rules', () => {
  let fixture: FixtureCloud;
  let restoreEnv: () => void;
  let batch: BatchClient;
  let helpers: ReturnType<typeof batchHelpers>;
  const logged: string[] = [];

  beforeAll(async () => {
    fixture = await startFixtureCloud(['jobs'], { maxVcpus: 2, log: (line) => logged.push(line) });
    restoreEnv = useCloudEnvironment(fixture.cloud);
    batch = new BatchClient({});
    helpers = batchHelpers(batch, () => fixture.dataDir);
  });

  afterAll(async () => {
    batch?.destroy();
    restoreEnv?.();
    await fixture?.close();
  });

  const submit = async (jobName: string, jobQueue: string, jobDefinition: string, extra = {}) => {
    const out = await batch.send(new SubmitJobCommand({ jobName, jobQueue, jobDefinition, ...extra }));
    return out.jobId ?? '';
  };

  /** The job as it stands once it had every chance to start. */
  const settled = async (jobId: string) => {
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    return helpers.describe(jobId);
  };

  it('describes the compute environments and each queue with its real compute environment order', async () => {
    const queues = await batch.send(new DescribeJobQueuesCommand({ jobQueues: [SPOT_FIRST_QUEUE] }));
    const environments = await batch.send(
      new DescribeComputeEnvironmentsCommand({ computeEnvironments: ['lc-jobs-local-spot'] }),
    );

    expect(queues.jobQueues?.[0]?.computeEnvironmentOrder).toEqual([
      { order: 1, computeEnvironment: `${ARN}:compute-environment/lc-jobs-local-spot` },
      { order: 2, computeEnvironment: `${ARN}:compute-environment/lc-jobs-local-ec2` },
    ]);
    expect(environments.computeEnvironments).toEqual([
      expect.objectContaining({
        computeEnvironmentName: 'lc-jobs-local-spot',
        computeEnvironmentArn: `${ARN}:compute-environment/lc-jobs-local-spot`,
        type: 'MANAGED',
        state: 'ENABLED',
        status: 'VALID',
        ecsClusterArn: expect.stringMatching(
          /^arn:aws:ecs:us-east-1:000000000000:cluster\/lc-jobs-local-spot_Batch_/,
        ),
        computeResources: expect.objectContaining({ type: 'SPOT', maxvCpus: 16, instanceTypes: ['c5'] }),
      }),
    ]);
  });

  it('accepts a multi-node job on a Spot-only queue and leaves it RUNNABLE with the reason AWS gives, never started', async () => {
    const jobId = await submit('mpi-on-spot', SPOT_QUEUE, MPI);

    const job = await settled(jobId);

    expect(job).toMatchObject({ status: 'RUNNABLE', statusReason: JOB_RESOURCE_REQUIREMENT });
    expect(job.startedAt).toBeUndefined();
    expect(job.attempts ?? []).toEqual([]);
    expect(logged.join('\n')).toContain('lc-jobs-local-spot runs no multi-node parallel jobs');

    await batch.send(new CancelJobCommand({ jobId, reason: 'placement test' }));
    const { job: cancelled } = await helpers.until(jobId, finished);
    expect(cancelled).toMatchObject({ status: 'FAILED', statusReason: 'placement test' });
  });

  it('passes over the Spot environment for a multi-node job and runs it on the on-demand one after it', async () => {
    const mpiId = await submit('mpi-ordered', SPOT_FIRST_QUEUE, MPI);
    const singleId = await submit('single-ordered', SPOT_FIRST_QUEUE, WORK, {
      containerOverrides: { command: ['env'] },
    });

    const { job: mpi } = await helpers.until(mpiId, finished);
    const { job: single } = await helpers.until(singleId, finished);
    const env = JSON.parse(helpers.log(singleId).split('\n')[1] ?? '{}') as Record<string, string>;

    expect(mpi.status).toBe('SUCCEEDED');
    expect(mpi.attempts?.[0]?.container?.taskArn).toContain(':task/lc-jobs-local-ec2_Batch_');
    expect(single.status).toBe('SUCCEEDED');
    expect(single.container?.taskArn).toContain(':task/lc-jobs-local-spot_Batch_');
    expect(env.AWS_BATCH_CE_NAME).toBe('lc-jobs-local-spot');
  });

  it('blocks a job whose memory no instance type of the queue can hold, with the reason AWS gives', async () => {
    // c5.24xlarge, the largest c5, advertises 192 GiB; ECS can reserve less than that.
    const jobId = await submit('too-much-memory', QUEUE, WORK, {
      containerOverrides: { resourceRequirements: [{ type: 'MEMORY', value: String(192 * 1024) }] },
    });

    const job = await settled(jobId);

    expect(job).toMatchObject({ status: 'RUNNABLE', statusReason: JOB_RESOURCE_REQUIREMENT });
    await batch.send(new CancelJobCommand({ jobId, reason: 'placement test' }));
  });

  it("blocks a job that fits an instance type but not the environment's maxvCpus, naming the CPU limit", async () => {
    const jobId = await submit('too-many-vcpus', QUEUE, WORK, {
      containerOverrides: { resourceRequirements: [{ type: 'VCPU', value: '32' }] },
    });

    const job = await settled(jobId);

    expect(job).toMatchObject({
      status: 'RUNNABLE',
      statusReason:
        'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet the CPU requirement of the job.',
    });
    await batch.send(new CancelJobCommand({ jobId, reason: 'placement test' }));
  });

  it('refuses a submission to a DISABLED queue with a ClientException', async () => {
    const refused = submit('to-disabled', 'lc-jobs-local-disabled-queue', WORK);

    await expect(refused).rejects.toBeInstanceOf(ClientException);
    await expect(refused).rejects.toThrow('DISABLED');
  });
});
