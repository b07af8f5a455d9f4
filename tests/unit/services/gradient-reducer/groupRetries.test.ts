import { InputError, TransientError } from '@seisless/core';
import { type RetryPolicy, withGroupRetries } from '../../../../services/gradient-reducer/src/groupRetries';
import type { RecordOutcome } from '../../../../services/gradient-reducer/src/reduceGroup';

/** A policy on a fake clock: each attempt takes `attemptMs`, sleeps advance the clock. */
function clockPolicy(overrides: Partial<RetryPolicy> & { remainingMs0?: number; attemptMs?: number } = {}) {
  let remaining = overrides.remainingMs0 ?? 1000;
  const sleeps: number[] = [];
  const policy: RetryPolicy = {
    retries: 3,
    baseDelayMs: 50,
    reserveMs: 150,
    remainingMs: () => remaining,
    sleep: async (ms) => {
      sleeps.push(ms);
      remaining -= ms;
    },
    random: () => 0.5,
    ...overrides,
  };
  const spend = () => {
    remaining -= overrides.attemptMs ?? 100;
  };
  return { policy, sleeps, spend };
}

const ok = (id: string): RecordOutcome => ({ messageId: id, kind: 'added' });
const failed = (id: string, error: unknown = new TransientError('SlowDown')): RecordOutcome => ({
  messageId: id,
  kind: 'failed',
  error,
});

describe('withGroupRetries', () => {
  it('retries only the failed tail of the group, keeping the committed head', async () => {
    const { policy, spend } = clockPolicy();
    const calls: string[][] = [];
    const attempt = async (records: readonly string[]) => {
      spend();
      calls.push([...records]);
      return calls.length === 1 ? [ok('a'), failed('b'), failed('c')] : records.map(ok);
    };

    const outcomes = await withGroupRetries(['a', 'b', 'c'], attempt, policy);

    expect(calls).toEqual([
      ['a', 'b', 'c'],
      ['b', 'c'],
    ]);
    expect(outcomes).toEqual([ok('a'), ok('b'), ok('c')]);
  });

  it('waits a jittered, doubling delay between attempts and stops after `retries`', async () => {
    const { policy, sleeps, spend } = clockPolicy({ remainingMs0: 60_000 });
    let attempts = 0;
    const attempt = async (records: readonly string[]) => {
      spend();
      attempts += 1;
      return records.map((r) => failed(r));
    };

    const outcomes = await withGroupRetries(['a'], attempt, policy);

    expect(attempts).toBe(4);
    expect(sleeps).toEqual([25, 50, 100]);
    expect(outcomes).toEqual([failed('a')]);
  });

  it('does not retry a failure that is not transient', async () => {
    const { policy, spend } = clockPolicy();
    let attempts = 0;
    const corrupt = failed('a', new InputError('corrupt accumulator metadata'));
    const attempt = async () => {
      spend();
      attempts += 1;
      return [corrupt];
    };

    expect(await withGroupRetries(['a'], attempt, policy)).toEqual([corrupt]);
    expect(attempts).toBe(1);
  });

  it('gives up when another attempt would not fit before the deadline', async () => {
    // 1000 ms left, 400 ms per attempt, 150 ms reserve: after one attempt 600 ≥ 400 + 150 (retry),
    // after two 200 < 550 (stop).
    const { policy, spend } = clockPolicy({ attemptMs: 400, random: () => 0 });
    let attempts = 0;
    const attempt = async (records: readonly string[]) => {
      spend();
      attempts += 1;
      return records.map((r) => failed(r));
    };

    await withGroupRetries(['a'], attempt, policy);

    expect(attempts).toBe(2);
  });
});
