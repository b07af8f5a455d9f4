import { runKeys, type TaskSignal } from '@seisless/core';
import {
  type JobStateChange,
  jobStateChangeSchema,
  onJobEnded,
} from '../../../../services/submitter/src/jobEnded';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

function event(detail: Record<string, unknown>): JobStateChange {
  return jobStateChangeSchema.parse({
    version: '0',
    'detail-type': 'Batch Job State Change',
    source: 'aws.batch',
    detail: { jobName: 'demo-2-gradient', status: 'FAILED', tags: { 'seisless:run': 'demo' }, ...detail },
  });
}

async function arrange() {
  const store = memoryObjectStore();
  await store.putJson(runKeys('demo').waiter, { taskToken: 'tok', registeredAt: 1 });
  const sent: string[] = [];
  const signal: TaskSignal = { succeed: async (token) => sent.push(token) > 0 };
  return { deps: { store, signal, now: () => 42 }, sent, store };
}

describe('onJobEnded', () => {
  it("wakes the run of a whole job (an array job's parent, a single job) that ended", async () => {
    const { deps, sent, store } = await arrange();

    const result = await onJobEnded(event({ jobId: 'abc', arrayProperties: { size: 4 } }), deps);

    expect(result).toEqual({ runId: 'demo', woke: true });
    expect(sent).toEqual(['tok']);
    expect(await store.getJson(runKeys('demo').wake)).toEqual({
      at: 42,
      reason: 'job demo-2-gradient failed',
    });
  });

  it('passes over array children, multi-node nodes and jobs without the run tag', async () => {
    const { deps, sent } = await arrange();

    const results = [
      await onJobEnded(event({ jobId: 'abc:3', arrayProperties: { index: 3 } }), deps),
      await onJobEnded(event({ jobId: 'abc#1' }), deps),
      await onJobEnded(event({ jobId: 'xyz', tags: { other: 'x' } }), deps),
    ];

    expect(results).toEqual([
      { ignored: 'job abc:3 is part of a larger job' },
      { ignored: 'job abc#1 is part of a larger job' },
      { ignored: 'job xyz has no seisless:run tag' },
    ]);
    expect(sent).toEqual([]);
  });
});
