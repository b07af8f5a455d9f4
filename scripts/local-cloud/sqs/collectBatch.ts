import { setTimeout as sleep } from 'node:timers/promises';

/** Receives up to `max` (≤ 10) messages, long-polling up to `waitS` seconds. */
export type Receive<M> = (max: number, waitS: number) => Promise<M[]>;

export interface CollectOptions<M> {
  receive: Receive<M>;
  batchSize: number;
  /** `maximumBatchingWindow` in ms: 0 means invoke with what one receive returns. */
  windowMs: number;
  /** Long-poll time of the first receive of a batch. */
  idleWaitS: number;
  isStopped: () => boolean;
  /** Pause between empty receives inside a window shorter than a second. */
  pollMs?: number;
}

/**
 * Gathers one batch the way Lambda's SQS poller does: the first receive long-polls; with a batching
 * window, more receives follow until the batch is full or the window (from the first message) ends.
 */
export async function collectBatch<M>(options: CollectOptions<M>): Promise<M[]> {
  const { receive, batchSize, windowMs, isStopped } = options;
  const batch = await receive(Math.min(10, batchSize), options.idleWaitS);
  if (batch.length === 0 || windowMs <= 0) return batch;
  const deadline = Date.now() + windowMs;
  while (batch.length < batchSize && !isStopped()) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    const more = await receive(Math.min(10, batchSize - batch.length), Math.floor(remaining / 1000));
    batch.push(...more);
    if (more.length === 0 && remaining < 1000) await sleep(Math.min(remaining, options.pollMs ?? 50));
  }
  return batch;
}
