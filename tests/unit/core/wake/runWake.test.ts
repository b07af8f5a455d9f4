import { SendTaskSuccessCommand, SFNClient } from '@aws-sdk/client-sfn';
import { awaitWake, runKeys, sfnTaskSignal, type TaskSignal, wakeRun } from '@seisless/core';
import { mockClient } from 'aws-sdk-client-mock';
import { memoryObjectStore } from '../../../support/memoryObjectStore';

/** A Step Functions stand-in: tokens are open until one signal ends them, as SendTaskSuccess does. */
function recordingSignal(open: string[]) {
  const sent: { token: string; output: unknown }[] = [];
  const signal: TaskSignal = {
    async succeed(token, output) {
      if (!open.includes(token)) return false;
      open.splice(open.indexOf(token), 1);
      sent.push({ token, output });
      return true;
    },
  };
  return { signal, sent };
}

const keys = runKeys('demo');

describe('wakeRun', () => {
  it('records the wake-up, then ends the wait whose token the run stored', async () => {
    // Arrange
    const store = memoryObjectStore();
    const { signal, sent } = recordingSignal(['t1']);
    await store.putJson(keys.waiter, { taskToken: 't1', registeredAt: 100 });

    // Act
    const woke = await wakeRun({ store, signal, now: () => 500 }, 'demo', 'job ended');

    // Assert
    expect(woke).toBe(true);
    expect(await store.getJson(keys.wake)).toEqual({ at: 500, reason: 'job ended' });
    expect(sent).toEqual([{ token: 't1', output: { reason: 'job ended', at: 500, deliveredBy: 'signal' } }]);
  });

  it('wakes nothing, but leaves its record, when no wait is open or another signal ended it', async () => {
    const store = memoryObjectStore();
    const { signal, sent } = recordingSignal([]);

    expect(await wakeRun({ store, signal, now: () => 500 }, 'demo', 'job ended')).toBe(false);
    await store.putJson(keys.waiter, { taskToken: 'closed', registeredAt: 100 });
    expect(await wakeRun({ store, signal, now: () => 600 }, 'demo', 'job ended')).toBe(false);

    expect(sent).toEqual([]);
    expect(await store.getJson(keys.wake)).toEqual({ at: 600, reason: 'job ended' });
  });
});

describe('awaitWake', () => {
  it('stores its token and keeps waiting when the latest wake-up is older than its checks', async () => {
    // Arrange: a wake-up at 1000, checks that began at 5000 (they saw it)
    const store = memoryObjectStore();
    const { signal, sent } = recordingSignal(['t2']);
    await store.putJson(keys.wake, { at: 1000, reason: 'job ended' });

    // Act
    const state = await awaitWake(
      { store, signal, now: () => 6000 },
      { runId: 'demo', since: [5000, 5200], taskToken: 't2' },
    );

    // Assert
    expect(state).toBe('waiting');
    expect(await store.getJson(keys.waiter)).toEqual({ taskToken: 't2', registeredAt: 6000 });
    expect(sent).toEqual([]);
  });

  it('ends its own wait when a wake-up came after the earliest of its checks began', async () => {
    const store = memoryObjectStore();
    const { signal, sent } = recordingSignal(['t3']);
    await store.putJson(keys.wake, { at: 5100, reason: 'reduction of iteration 2 complete' });

    const state = await awaitWake(
      { store, signal, now: () => 6000 },
      { runId: 'demo', since: [5200, 5000], taskToken: 't3' },
    );

    expect(state).toBe('woken');
    expect(sent).toEqual([
      {
        token: 't3',
        output: { reason: 'reduction of iteration 2 complete', at: 5100, deliveredBy: 'registration' },
      },
    ]);
  });

  it('counts a wake-up up to 10 ms before its checks as unseen (clock skew), not the one that caused them', async () => {
    const store = memoryObjectStore();
    const { signal } = recordingSignal(['t4', 't5']);
    await store.putJson(keys.wake, { at: 4995, reason: 'job ended' });

    const within = await awaitWake(
      { store, signal, now: () => 6000 },
      { runId: 'demo', since: [5000], taskToken: 't4' },
    );
    const beyond = await awaitWake(
      // The check this wake-up caused began 40 ms after it: the next wait is not woken by it again
      { store, signal, now: () => 6000 },
      { runId: 'demo', since: [5035], taskToken: 't5' },
    );

    expect([within, beyond]).toEqual(['woken', 'waiting']);
  });

  it('never loses a wake-up that races its registration: in every interleaving one sends the token', async () => {
    // The wait writes its token then reads the wake-up; the signal writes the wake-up then reads
    // the token. Every order of those four S3 calls that keeps each side's own order:
    const interleavings = [
      ['put waiter', 'get wake', 'put wake', 'get waiter'],
      ['put waiter', 'put wake', 'get wake', 'get waiter'],
      ['put waiter', 'put wake', 'get waiter', 'get wake'],
      ['put wake', 'put waiter', 'get wake', 'get waiter'],
      ['put wake', 'put waiter', 'get waiter', 'get wake'],
      ['put wake', 'get waiter', 'put waiter', 'get wake'],
    ];
    for (const order of interleavings) {
      // Arrange: a store that holds each call until the test lets it through
      const inner = memoryObjectStore();
      const held = new Map<string, () => void>();
      const hold = (call: string) => new Promise<void>((release) => held.set(call, release));
      const name = (key: string) => (key === keys.waiter ? 'waiter' : 'wake');
      const store = {
        putJson: async (key: string, value: unknown) => {
          await hold(`put ${name(key)}`);
          return inner.putJson(key, value);
        },
        getJsonOrUndefined: async <T>(key: string) => {
          await hold(`get ${name(key)}`);
          return inner.getJsonOrUndefined<T>(key);
        },
      };
      const { signal, sent } = recordingSignal(['t6']);
      const deps = { store, signal, now: () => 5500 };

      // Act
      const waiting = awaitWake(deps, { runId: 'demo', since: [5000], taskToken: 't6' });
      const waking = wakeRun(deps, 'demo', 'job ended');
      for (const call of order) {
        while (!held.has(call)) await new Promise((resolve) => setImmediate(resolve));
        held.get(call)?.();
        held.delete(call);
      }
      await Promise.all([waiting, waking]);

      // Assert
      expect({ order, sent: sent.length }).toEqual({ order, sent: 1 });
    }
  });
});

describe('sfnTaskSignal', () => {
  const sfn = mockClient(SFNClient);
  afterEach(() => sfn.reset());

  it('sends the output as JSON with SendTaskSuccess', async () => {
    sfn.on(SendTaskSuccessCommand).resolves({});

    const delivered = await sfnTaskSignal(new SFNClient({})).succeed('tok', { reason: 'x' });

    expect(delivered).toBe(true);
    expect(sfn.commandCalls(SendTaskSuccessCommand)[0]?.args[0].input).toEqual({
      taskToken: 'tok',
      output: '{"reason":"x"}',
    });
  });

  it.each(['TaskTimedOut', 'TaskDoesNotExist', 'InvalidToken'])(
    'reads %s as a wait already over',
    async (name) => {
      sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('closed'), { name }));

      expect(await sfnTaskSignal(new SFNClient({})).succeed('tok', {})).toBe(false);
    },
  );

  it('lets any other error through (an AccessDenied must reach the logs)', async () => {
    sfn.on(SendTaskSuccessCommand).rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));

    await expect(sfnTaskSignal(new SFNClient({})).succeed('tok', {})).rejects.toThrow('no');
  });
});
