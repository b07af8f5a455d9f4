import { dependencyState, prerequisites } from '../../../../scripts/local-cloud/batch/dependencies';
import type { Job } from '../../../../scripts/local-cloud/batch/model';
import { VcpuScheduler } from '../../../../scripts/local-cloud/batch/scheduler';

function job(jobId: string, fields: Partial<Job> = {}): Job {
  return {
    jobId,
    status: 'SUBMITTED',
    vcpus: 1,
    createdAt: 0,
    dependsOn: [],
    childIds: [],
    ...fields,
  } as Job;
}

describe('VcpuScheduler', () => {
  it('starts jobs while their vCPUs fit, lets smaller ones by, and starts the rest as slots free up', () => {
    const started: string[] = [];
    const scheduler = new VcpuScheduler(
      4,
      () => 0,
      (next) => started.push(next.jobId),
    );
    const [big, small, huge] = [
      job('big', { vcpus: 3, createdAt: 1 }),
      job('small', { createdAt: 2 }),
      job('huge', { vcpus: 64, createdAt: 3 }),
    ];

    scheduler.enqueue(big);
    scheduler.enqueue(small);
    scheduler.enqueue(huge);
    expect(started).toEqual(['big', 'small']);
    scheduler.release(big);
    expect(started).toEqual(['big', 'small']);
    scheduler.release(small);

    expect(started).toEqual(['big', 'small', 'huge']);
    expect(scheduler.inUse).toBe(4);
  });

  it('starts higher-priority queues first', () => {
    const started: string[] = [];
    const scheduler = new VcpuScheduler(
      1,
      (next) => (next.jobId === 'urgent' ? 10 : 1),
      (next) => started.push(next.jobId),
    );
    const blocker = job('blocker');
    scheduler.enqueue(blocker);

    scheduler.enqueue(job('routine', { createdAt: 1 }));
    scheduler.enqueue(job('urgent', { createdAt: 2 }));
    scheduler.release(blocker);

    expect(started).toEqual(['blocker', 'urgent']);
  });
});

describe('prerequisites', () => {
  const jobs = new Map<string, Job>();
  const add = (added: Job): Job => {
    jobs.set(added.jobId, added);
    return added;
  };
  const lookup = (id: string): Job | undefined => jobs.get(id);
  add(job('a', { arraySize: 2, childIds: ['a:0', 'a:1'] }));
  add(job('a:0', { arrayIndex: 0, parentId: 'a', status: 'SUCCEEDED' }));
  add(job('a:1', { arrayIndex: 1, parentId: 'a', status: 'RUNNING' }));

  it('waits for a whole array by default, and for the same index with N_TO_N', () => {
    const whole = job('b', { dependsOn: [{ jobId: 'a' }] });
    const child = job('c:1', { arrayIndex: 1, parentId: 'c', dependsOn: [{ jobId: 'a', type: 'N_TO_N' }] });

    expect(prerequisites(whole, lookup).map((found) => found.jobId)).toEqual(['a']);
    expect(prerequisites(child, lookup).map((found) => found.jobId)).toEqual(['a:1']);
  });

  it('chains SEQUENTIAL children to their previous sibling', () => {
    const child = job('a:1', { arrayIndex: 1, parentId: 'a', dependsOn: [{ type: 'SEQUENTIAL' }] });

    expect(prerequisites(child, lookup).map((found) => found.jobId)).toEqual(['a:0']);
  });

  it('is ready when all succeeded, failed as soon as one failed, else waiting', () => {
    expect(dependencyState([job('x', { status: 'SUCCEEDED' })])).toBe('ready');
    expect(dependencyState([job('x', { status: 'RUNNING' }), job('y', { status: 'FAILED' })])).toBe('failed');
    expect(dependencyState([job('x', { status: 'RUNNING' })])).toBe('waiting');
  });
});
