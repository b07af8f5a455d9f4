import { type BlobStore, runKeys } from '@seisless/core';
import type { ChunkOfRun } from './reduceGroup';

/** Wakes a run's state machine (`wakeRun` of @seisless/core, bound to the bucket and Step Functions). */
export type WakeRun = (runId: string, reason: string) => Promise<boolean>;

const EMPTY = new Uint8Array(0);

/**
 * A chunk's accumulator holds the whole batch: marks it (`iterations/{k}/complete/chunk-{c}`, an
 * empty object) and lists the marks; the invocation that finds all `chunksWithShots` of them (every
 * chunk some shot's window touches; `chunkCount` without apertures) wakes the
 * run, which then reads the reduction's status and assembles the gradient. A PUT and a LIST per
 * chunk, against the HEAD of every accumulator that asking the status would cost. Marks are
 * idempotent, so a redelivered, already-summed record signals again and a lost wake-up is retried.
 *
 * @returns whether this call woke the run.
 */
export async function signalChunkComplete(
  chunk: ChunkOfRun,
  deps: { readonly store: BlobStore; readonly bucket: string; readonly wake: WakeRun },
): Promise<boolean> {
  const keys = runKeys(chunk.runId);
  await deps.store.put({ bucket: deps.bucket, key: keys.chunkComplete(chunk.iteration, chunk.chunk) }, EMPTY);
  const marked = await deps.store.list(deps.bucket, keys.chunksCompletePrefix(chunk.iteration));
  if (marked.length < chunk.chunksWithShots) return false;
  return deps.wake(chunk.runId, `reduction of iteration ${chunk.iteration} complete`);
}
