import {
  BLOCKED_REASONS,
  capabilityRefusal,
  placeJob,
} from '../../../../scripts/local-cloud/batch/placement';
import type { ComputeEnvironmentDef, JobQueueDef } from '../../../../scripts/local-cloud/wiring/model';

const ARN = 'arn:aws:batch:us-east-1:000000000000';

function environment(name: string, fields: Partial<ComputeEnvironmentDef> = {}): ComputeEnvironmentDef {
  return {
    name,
    arn: `${ARN}:compute-environment/${name}`,
    type: 'MANAGED',
    state: 'ENABLED',
    resourceType: 'EC2',
    instanceTypes: ['c5', 'm5'],
    minvCpus: 0,
    maxvCpus: 256,
    ...fields,
  };
}

function queue(environments: ComputeEnvironmentDef[]): JobQueueDef {
  return {
    name: 'jobs',
    arn: `${ARN}:job-queue/jobs`,
    priority: 1,
    state: 'ENABLED',
    // Listed out of order on purpose: the queue goes by `order`, not by position.
    computeEnvironmentOrder: environments
      .map((env, index) => ({ order: index + 1, computeEnvironment: env.arn }))
      .reverse(),
  };
}

function place(
  environments: ComputeEnvironmentDef[],
  job: { vcpus: number; memoryMib: number; numNodes?: number },
) {
  const byArn = new Map(environments.map((env) => [env.arn, env]));
  return placeJob(queue(environments), (arn) => byArn.get(arn), job);
}

const placedOn = (placement: ReturnType<typeof place>): string | undefined =>
  placement.kind === 'placed' ? placement.environment.name : undefined;

describe('placeJob', () => {
  const spot = environment('spot', { resourceType: 'SPOT' });
  const onDemand = environment('on-demand');

  it('places a job on the first environment in the queue order that can take it', () => {
    expect(placedOn(place([spot, onDemand], { vcpus: 2, memoryMib: 4000 }))).toBe('spot');
    expect(placedOn(place([onDemand, spot], { vcpus: 2, memoryMib: 4000 }))).toBe('on-demand');
  });

  it('passes over Spot environments for a multi-node job and takes the on-demand one after them', () => {
    expect(placedOn(place([spot, onDemand], { vcpus: 2, memoryMib: 4000, numNodes: 2 }))).toBe('on-demand');
  });

  it('blocks a multi-node job whose queue reaches only Spot environments, with the reason AWS gives', () => {
    const placement = place([spot, environment('fargate-spot', { resourceType: 'FARGATE_SPOT' })], {
      vcpus: 2,
      memoryMib: 4000,
      numNodes: 2,
    });

    expect(placement).toMatchObject({
      kind: 'blocked',
      statusReason: BLOCKED_REASONS.jobResourceRequirement,
    });
    expect(placement.kind === 'blocked' && placement.detail).toContain(
      'spot runs no multi-node parallel jobs',
    );
  });

  it('blocks a job whose memory no instance type can reserve: a c5.large holds less than its 4 GiB', () => {
    const small = environment('small', { instanceTypes: ['c5.large'] });

    expect(placedOn(place([small], { vcpus: 2, memoryMib: 3900 }))).toBe('small');
    expect(place([small], { vcpus: 2, memoryMib: 4096 })).toMatchObject({
      kind: 'blocked',
      statusReason:
        'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT - The job resource requirement (vCPU/memory/GPU) is higher than that can be met by the CE(s) attached to the job queue.',
    });
  });

  it('blocks a job asking more vCPUs than the largest instance type has', () => {
    expect(place([onDemand], { vcpus: 128, memoryMib: 1024 })).toMatchObject({
      kind: 'blocked',
      statusReason: BLOCKED_REASONS.jobResourceRequirement,
    });
  });

  it("names the environments' maxvCpus when instances would fit but the environment is capped below the job", () => {
    const capped = environment('capped', { maxvCpus: 4 });

    expect(place([capped], { vcpus: 2, memoryMib: 1024, numNodes: 3 })).toMatchObject({
      kind: 'blocked',
      statusReason:
        'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE - CE(s) associated with the job queue cannot meet the CPU requirement of the job.',
    });
  });

  it('skips a DISABLED environment, and waits without a reason when only a disabled one could take the job', () => {
    const disabled = environment('disabled', { state: 'DISABLED' });

    expect(placedOn(place([disabled, onDemand], { vcpus: 2, memoryMib: 1024 }))).toBe('on-demand');
    expect(place([disabled], { vcpus: 2, memoryMib: 1024 })).toMatchObject({ kind: 'waiting' });
  });

  it('lets a job through to an environment whose instance types are not in the table', () => {
    const gpu = environment('gpu', { instanceTypes: ['p4d'] });

    expect(placedOn(place([gpu], { vcpus: 64, memoryMib: 500000 }))).toBe('gpu');
  });
});

describe('capabilityRefusal', () => {
  const fargate = environment('fargate', { resourceType: 'FARGATE', instanceTypes: [] });

  it('refuses an EC2 job (every multi-node job is one) on a queue of Fargate environments, as SubmitJob does', () => {
    expect(capabilityRefusal([fargate], 'EC2')).toBe(
      'Job Queue is attached to Compute Environment that can not run Jobs with capability EC2.',
    );
  });

  it('refuses a Fargate job on a queue of EC2 environments and accepts matching platforms', () => {
    expect(capabilityRefusal([environment('ec2')], 'FARGATE')).toBe(
      'Job Queue is attached to Compute Environment that can not run Jobs with capability FARGATE.',
    );
    expect(capabilityRefusal([fargate], 'FARGATE')).toBeUndefined();
    expect(capabilityRefusal([environment('spot', { resourceType: 'SPOT' })], 'EC2')).toBeUndefined();
  });
});
