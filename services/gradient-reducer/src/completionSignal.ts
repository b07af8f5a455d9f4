import { type BlobStore, runKeys } from '@seisless/core';
import type { ChunkOfRun } from './reduceGroup';

/** Wakes a run's state machine (`wakeRun` of @seisless/core, bound to the bucket and Step Functions). */
export type WakeRun = (runId: string, reason: string) => Promise<boolean>;

/** Signals one chunk complete; resolves to whether this signal woke the run. */
export type SignalChunkComplete = (chunk: ChunkOfRun) => Promise<boolean>;

const EMPTY = new Uint8Array(0);

/**
 * The marks of one iteration written by one invocation, and the LIST rounds that read them back.
 * A round starts once no mark of this invocation is being written, so marks written together
 * share one LIST; every mark is followed by a round that started after it landed.
 */
class MarkRounds {
  private writing = 0;
  private scheduled: { readonly start: () => void; readonly done: Promise<boolean> } | undefined;

  constructor(private readonly check: () => Promise<boolean>) {}

  async mark(write: () => Promise<unknown>): Promise<boolean> {
    this.writing += 1;
    try {
      await write();
    } finally {
      this.writing -= 1;
    }
    const round = this.join();
    this.startWhenQuiet();
    return round;
  }

  /** The round not yet started (a new one if none). */
  private join(): Promise<boolean> {
    if (this.scheduled === undefined) {
      let start: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        start = resolve;
      });
      this.scheduled = { start, done: gate.then(this.check) };
    }
    return this.scheduled.done;
  }

  private startWhenQuiet(): void {
    if (this.writing > 0 || this.scheduled === undefined) return;
    const { start } = this.scheduled;
    this.scheduled = undefined;
    start();
  }

  /** A failed mark joins no round, but may be the last write a scheduled round waits for. */
  settle(): void {
    this.startWhenQuiet();
  }
}

/**
 * One invocation's completion signals. A chunk whose accumulator holds the whole batch is marked
 * (`iterations/{k}/complete/chunk-{c}`, an empty object) and the marks are listed; the round that
 * finds all `chunksWithShots` of them (every chunk some shot's window touches; `chunkCount`
 * without apertures) wakes the run, which then reads the reduction's status and assembles the
 * gradient. A PUT per chunk and a LIST per round of marks written together (the last gradient's
 * messages complete many chunks at once), against the HEAD of every accumulator that asking the
 * status would cost. Marks are idempotent, so a redelivered, already-summed record signals again
 * and a lost wake-up is retried.
 *
 * @example
 * const signal = completionSignals({ store, bucket, wake });
 * await Promise.all(chunks.map(signal)); // the marks, then one LIST
 */
export function completionSignals(deps: {
  readonly store: BlobStore;
  readonly bucket: string;
  readonly wake: WakeRun;
}): SignalChunkComplete {
  const rounds = new Map<string, MarkRounds>();
  return async (chunk) => {
    const keys = runKeys(chunk.runId);
    const id = `${chunk.runId}\n${chunk.iteration}`;
    let of = rounds.get(id);
    if (of === undefined) {
      of = new MarkRounds(async () => {
        const marked = await deps.store.list(deps.bucket, keys.chunksCompletePrefix(chunk.iteration));
        if (marked.length < chunk.chunksWithShots) return false;
        return deps.wake(chunk.runId, `reduction of iteration ${chunk.iteration} complete`);
      });
      rounds.set(id, of);
    }
    const markRounds = of;
    try {
      return await markRounds.mark(() =>
        deps.store.put({ bucket: deps.bucket, key: keys.chunkComplete(chunk.iteration, chunk.chunk) }, EMPTY),
      );
    } finally {
      markRounds.settle();
    }
  };
}
