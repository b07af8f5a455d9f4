import type { BlobRef, BlobStore, ByteRange, PutOptions } from '@seisless/core';
import { TransientError } from '@seisless/core';
import type { SQSRecord } from 'aws-lambda';
import { recordDeadLetters } from '../../services/gradient-reducer/src/deadLetters';
import type { RetryPolicy } from '../../services/gradient-reducer/src/groupRetries';
import { reduceBatch } from '../../services/gradient-reducer/src/reduceBatch';
import type { ChunkOfRun } from '../../services/gradient-reducer/src/reduceGroup';
import type { InMemoryBlobStore } from './inMemoryBlobStore';

/** How hostile the simulated cloud is; every choice comes from `seed`. */
export interface Chaos {
  readonly seed: number;
  /** Probability that a storage call fails before it acts (or, for a write, after it landed). */
  readonly faultRate: number;
  /** Probability that an invocation crashes at a random storage call (before or after it acts). */
  readonly crashRate: number;
  /** Probability that two invocations run at once (a FIFO violation the conditional PUT must absorb). */
  readonly concurrentRate: number;
  /**
   * Probability that a write is given up at the invocation's write deadline but lands later, at
   * a random moment, maybe after the retry read the object (its condition must absorb it).
   */
  readonly lateWriteRate?: number;
  /** Faults and crashes in total, so every run ends. */
  readonly budget: number;
  readonly maxReceiveCount: number;
  /** In-handler retries of a group's transient failures (the deployed handler does 3); default 0. */
  readonly handlerRetries?: number;
}

/** A small seeded PRNG (mulberry32), so a failing case replays exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  private left: number;
  constructor(
    readonly random: () => number,
    private readonly chaos: Chaos,
  ) {
    this.left = chaos.budget;
  }
  strike(rate: number): boolean {
    if (this.left <= 0 || this.random() >= rate) return false;
    this.left -= 1;
    return true;
  }
  fault = () => this.strike(this.chaos.faultRate);
  lateWrite = () => this.strike(this.chaos.lateWriteRate ?? 0);
  crashAt(): { call: number; after: boolean } | undefined {
    return this.strike(this.chaos.crashRate)
      ? { call: Math.floor(this.random() * 12), after: this.random() < 0.5 }
      : undefined;
  }
}

/** Writes given up at a deadline, still on their way to the store: each lands when run. */
type LateWrites = (() => Promise<void>)[];

/**
 * The store as one invocation sees it: transient faults, a crash that kills every later call, and
 * writes that miss the invocation's deadline and land later (`late`).
 */
class InvocationStore implements BlobStore {
  crashed = false;
  private calls = 0;
  constructor(
    private readonly base: InMemoryBlobStore,
    private readonly dice: Dice,
    private readonly late: LateWrites,
    private readonly crash = dice.crashAt(),
  ) {}
  get = (ref: BlobRef, range?: ByteRange) => this.around(() => this.base.get(ref, range), false);
  head = (ref: BlobRef) => this.around(() => this.base.head(ref), false);
  put = (ref: BlobRef, body: Uint8Array, o?: PutOptions) => {
    if (!this.crashed && this.dice.lateWrite()) {
      this.late.push(() => this.base.put(ref, body, o).catch(() => undefined)); // 412: superseded
      return Promise.reject(new TransientError("not written by the invocation's write deadline"));
    }
    return this.around(() => this.base.put(ref, body, o), true);
  };
  list = (bucket: string, prefix: string) => this.around(() => this.base.list(bucket, prefix), false);

  private async around<T>(run: () => Promise<T>, write: boolean): Promise<T> {
    const call = this.calls++;
    const crashHere = this.crash?.call === call;
    if (this.crashed || (crashHere && !this.crash?.after)) return this.die();
    if (this.dice.fault()) throw new TransientError('injected fault before the call');
    const out = await run();
    if (crashHere) return this.die();
    if (write && this.dice.fault()) throw new TransientError('injected fault after the write landed');
    return out;
  }
  private die(): never {
    this.crashed = true;
    throw new Error('invocation crashed');
  }
}

interface InFlight {
  readonly record: SQSRecord;
  receives: number;
}

function take(queue: InFlight[], random: () => number): InFlight[] {
  const size = Math.min(queue.length, 1 + Math.floor(random() * 10));
  return Array.from(
    { length: size },
    () => queue.splice(Math.floor(random() * queue.length), 1)[0] as InFlight,
  );
}

const deliver = (m: InFlight): SQSRecord => ({
  ...m.record,
  attributes: { ...m.record.attributes, ApproximateReceiveCount: String(m.receives + 1) },
});

type SimulationOptions = Chaos & {
  readonly bucket: string;
  /** The reducer's completion signal, given the invocation's (faulty) store. */
  readonly onChunkComplete?: (chunk: ChunkOfRun, store: BlobStore) => Promise<unknown>;
};

/** What a simulation did. */
export interface Simulation {
  readonly invocations: number;
  /** Records that exhausted their receives and went through the dead-letter queue. */
  readonly deadLettered: SQSRecord[];
}

/** Retries without waiting and with time to spare: the simulation has no clock. */
function instantRetries(retries: number, random: () => number): RetryPolicy {
  return { retries, baseDelayMs: 0, reserveMs: 0, remainingMs: () => 1000, sleep: async () => {}, random };
}

async function invoke(
  base: InMemoryBlobStore,
  dice: Dice,
  options: SimulationOptions,
  batch: InFlight[],
  late: LateWrites,
) {
  const store = new InvocationStore(base, dice, late);
  const retries = options.handlerRetries ?? 0;
  const signal = options.onChunkComplete;
  const deps = {
    store,
    bucket: options.bucket,
    now: () => new Date(),
    ...(signal === undefined ? {} : { onChunkComplete: (chunk: ChunkOfRun) => signal(chunk, store) }),
  };
  const retry = retries > 0 ? { retry: instantRetries(retries, dice.random) } : {};
  const result = await reduceBatch(batch.map(deliver), { ...deps, ...retry });
  const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
  return batch.filter((m) => store.crashed || failed.has(m.record.messageId));
}

async function drainDeadLetters(base: InMemoryBlobStore, dice: Dice, bucket: string, dlq: InFlight[]) {
  let pending = dlq.map(deliver);
  for (let round = 0; pending.length > 0; round += 1) {
    if (round > 1000) throw new Error('dead-letter queue never drained');
    const store = new InvocationStore(base, dice, []);
    const result = await recordDeadLetters(pending, { store, bucket, now: () => new Date() });
    const failed = new Set(result.batchItemFailures.map((f) => f.itemIdentifier));
    pending = store.crashed ? pending : pending.filter((r) => failed.has(r.messageId));
  }
}

/**
 * Delivers `records` to the reducer the way SQS might at its worst: random batches of 1–10 in
 * any order, duplicates as given, failed and crashed batches redelivered, two invocations at once,
 * writes landing after their invocation gave them up (some after the retry's read, the rest once
 * the queue is drained), messages past `maxReceiveCount` moved to the dead-letter queue and
 * recorded there.
 */
export async function simulateDeliveries(
  base: InMemoryBlobStore,
  records: readonly SQSRecord[],
  options: SimulationOptions,
): Promise<Simulation> {
  const dice = new Dice(prng(options.seed), options);
  const queue: InFlight[] = records.map((record) => ({ record, receives: 0 }));
  const dlq: InFlight[] = [];
  let invocations = 0;
  const late: LateWrites = [];
  const land = async (all: boolean) => {
    const now = late.filter(() => all || dice.random() < 0.5);
    for (const write of now) late.splice(late.indexOf(write), 1);
    for (const write of now) await write();
  };
  while (queue.length > 0) {
    if (invocations > 20000) throw new Error('the reduction never drained its queue');
    await land(false);
    const parallel = dice.random() < options.concurrentRate ? 2 : 1;
    const batches = Array.from({ length: parallel }, () => take(queue, dice.random)).filter(
      (b) => b.length > 0,
    );
    invocations += batches.length;
    const again = (await Promise.all(batches.map((b) => invoke(base, dice, options, b, late)))).flat();
    for (const m of again) {
      m.receives += 1;
      (m.receives >= options.maxReceiveCount ? dlq : queue).push(m);
    }
  }
  await land(true);
  await drainDeadLetters(base, dice, options.bucket, dlq);
  return { invocations, deadLettered: dlq.map((m) => m.record) };
}
