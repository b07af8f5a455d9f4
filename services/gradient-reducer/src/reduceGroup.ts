import type { BlobRef, BlobStore, ReductionMessage } from '@seisless/core';
import { Manifest, messageCoverage } from '@seisless/core';
import { type Accumulator, accumulatorRef, readAccumulator, writeAccumulator } from './accumulatorStore';
import { writeDeadLetter } from './deadLetterRecord';
import { addInto } from './float32Arrays';
import { readGradientChunk } from './gradientChunkReader';
import { parseQueueRecord, type QueueRecord } from './queueRecord';
import { beforeDeadline } from './readDeadline';
import { failAfter, failAt, type PlanInput, type PlanStep, planGroup } from './reductionPlan';
import { type Settled, settle } from './settle';

/** The ports of the merge. */
export interface ReduceDeps {
  readonly store: BlobStore;
  /** The run data bucket, where accumulators and dead-letter records live. */
  readonly bucket: string;
  readonly now: () => Date;
  /**
   * Epoch ms by which the reads must be done (the invocation's deadline less the time the PUT
   * needs). Records whose chunk comes later fail, with every later one of the group; the ones
   * before are still merged. None when absent.
   */
  readonly readsBy?: number;
  /**
   * Epoch ms by which the accumulator's PUT must be done (the deadline less the visibility reset's
   * time). A later one fails the group's added records, to be retried at once rather than timing
   * the invocation out. The PUT may still land: it is conditional, so the retry either finds its
   * shots in the manifest or wins the race, and the late PUT then fails on its condition.
   */
  readonly writesBy?: number;
  /**
   * Called when the chunk's accumulator holds the whole batch after this group (also when every
   * record was a redelivery already summed): marks the chunk and wakes the run once all are
   * (completionSignal.ts). Its failure fails the group's records, so their redelivery retries it.
   */
  readonly onChunkComplete?: (chunk: ChunkOfRun) => Promise<unknown>;
}

/** One chunk of one iteration's reduction, and the counts that make it and the iteration complete. */
export type ChunkOfRun = Pick<ReductionMessage, 'runId' | 'iteration' | 'chunk' | 'chunkCount'> & {
  /** Shots whose windows touch the chunk: its accumulator is complete with them all. */
  readonly chunkShots: number;
  /** Chunks any shot touches: the iteration's reduction is complete when all are. */
  readonly chunksWithShots: number;
};

/** What became of one record. Only `failed` records are redelivered. */
export type RecordOutcome =
  | { readonly messageId: string; readonly kind: 'added' | 'skipped' }
  | {
      readonly messageId: string;
      readonly kind: 'rejected';
      readonly reason: string;
      readonly error: unknown;
    }
  | { readonly messageId: string; readonly kind: 'failed'; readonly error: unknown };

/** Parses every record and, concurrently, reads the accumulator and every message's chunk. */
async function readGroup(records: readonly QueueRecord[], deps: ReduceDeps) {
  const parsed = records.map((record) => ({ record, parsed: settleSync(() => parseQueueRecord(record)) }));
  const target = parsed.find((p) => p.parsed.ok)?.parsed;
  if (target === undefined || !target.ok) {
    const inputs: PlanInput[] = parsed.map((p) => ({ ...p, chunk: undefined }));
    return {
      inputs,
      ref: undefined,
      accumulator: { ok: true, value: undefined } as const,
      chunk: undefined,
    };
  }
  const ref = accumulatorRef(deps.bucket, target.value);
  const { runId, iteration, chunk, chunkCount } = target.value;
  const { readsBy } = deps;
  const timely = <T>(read: Promise<T>, what: string) =>
    readsBy === undefined ? read : beforeDeadline(read, readsBy, what);
  const [accumulator, chunks] = await Promise.all([
    settle(timely(readAccumulator(deps.store, ref), `s3://${ref.bucket}/${ref.key}`)),
    Promise.all(
      parsed.map((p) =>
        p.parsed.ok
          ? settle(timely(readGradientChunk(deps.store, p.parsed.value), `message ${p.record.messageId}`))
          : undefined,
      ),
    ),
  ]);
  const inputs: PlanInput[] = parsed.map((p, i) => ({ ...p, chunk: chunks[i] }));
  const { chunkShots, chunksWithShots } = messageCoverage(target.value);
  return {
    inputs,
    ref,
    accumulator,
    chunk: { runId, iteration, chunk, chunkCount, chunkShots, chunksWithShots },
  };
}

function settleSync<T>(fn: () => T): Settled<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Writes the dead-letter records of the rejected messages; a failed write fails from there on. */
async function recordRejections(steps: PlanStep[], deps: ReduceDeps): Promise<PlanStep[]> {
  const writes = await Promise.all(
    steps.map((s) =>
      s.kind === 'reject'
        ? settle(
            writeDeadLetter(deps.store, deps.bucket, {
              ...s,
              detail: s.error.message,
              recordedBy: 'reduce',
              now: deps.now(),
            }),
          )
        : undefined,
    ),
  );
  const failed = writes.findIndex((w) => w !== undefined && !w.ok);
  const write = writes[failed];
  return write === undefined || write.ok ? steps : failAt(steps, failed, write.error);
}

/**
 * Adds the `add` steps into the accumulator and writes it back in ONE conditional PUT. Returns the
 * steps and the manifest the accumulator now has (none when the write failed).
 */
async function commit(
  steps: PlanStep[],
  ref: BlobRef,
  base: Accumulator | undefined,
  deps: ReduceDeps,
  startedAt: number,
): Promise<{ steps: PlanStep[]; manifest: Manifest | undefined }> {
  const adds = steps.filter((s): s is Extract<PlanStep, { kind: 'add' }> => s.kind === 'add');
  const first = adds[0];
  if (first === undefined) return { steps, manifest: base?.manifest };
  const data = base?.data ?? new Float32Array(first.data.length);
  let manifest = base?.manifest ?? Manifest.empty(first.message.batchSize);
  let objective = base?.objective ?? 0;
  for (const { message, data: chunk } of adds) {
    addInto(data, chunk);
    manifest = manifest.with(message.batchIndex);
    // Each shot's objective is summed once, in its first chunk (its "home"): with apertures no
    // chunk holds every shot.
    if (message.chunk === messageCoverage(message).shotChunks[0]) objective += message.objective;
  }
  const writtenAt = deps.now().getTime();
  const next = { data, manifest, objective, writtenAt, updateMs: writtenAt - startedAt };
  const write = writeAccumulator(deps.store, ref, next, base);
  // Only a conditional write may be given up: an unconditional one (a store that gave no ETag)
  // landing late could overwrite a newer sum.
  const conditional = base === undefined || base.etag !== undefined;
  const written = await settle(
    deps.writesBy === undefined || !conditional
      ? write
      : beforeDeadline(
          write,
          deps.writesBy,
          `s3://${ref.bucket}/${ref.key}`,
          "written by the invocation's write deadline",
        ),
  );
  return written.ok
    ? { steps, manifest }
    : { steps: failAt(steps, steps.indexOf(first), written.error), manifest: undefined };
}

/** Signals a chunk the group left complete; a failed signal fails the group for redelivery. */
async function signalIfComplete(
  steps: PlanStep[],
  manifest: Manifest | undefined,
  chunk: ChunkOfRun,
  deps: ReduceDeps,
): Promise<PlanStep[]> {
  const ended = steps.every((s) => s.kind !== 'fail');
  if (deps.onChunkComplete === undefined || !ended || manifest?.count !== chunk.chunkShots) return steps;
  const signalled = await settle(deps.onChunkComplete(chunk));
  return signalled.ok ? steps : failAt(steps, 0, signalled.error);
}

function outcomeOf(step: PlanStep): RecordOutcome {
  const messageId = step.record.messageId;
  switch (step.kind) {
    case 'add':
      return { messageId, kind: 'added' };
    case 'skip':
      return { messageId, kind: 'skipped' };
    case 'reject':
      return { messageId, kind: 'rejected', reason: step.reason, error: step.error };
    case 'fail':
      return { messageId, kind: 'failed', error: step.error };
  }
}

/**
 * The exactly-once merge of the records of ONE FIFO group (one chunk's accumulator), in order:
 * read the accumulator once, skip the shots already in its manifest, add the others' gradient
 * chunks, and write data and manifest back in ONE conditional PUT. Malformed or mismatching
 * messages get a dead-letter record and are acknowledged. A failure fails that record and every
 * later record of the group; nothing after the PUT can leave a partial sum.
 *
 * @example
 * const outcomes = await reduceGroup(recordsOfOneGroup, { store, bucket, now: () => new Date() });
 */
export async function reduceGroup(
  records: readonly QueueRecord[],
  deps: ReduceDeps,
): Promise<RecordOutcome[]> {
  const startedAt = deps.now().getTime();
  const { inputs, ref, accumulator, chunk } = await readGroup(records, deps);
  let steps = failAfter(planGroup(inputs, accumulator));
  steps = await recordRejections(steps, deps);
  if (ref !== undefined && chunk !== undefined) {
    const committed = await commit(
      steps,
      ref,
      accumulator.ok ? accumulator.value : undefined,
      deps,
      startedAt,
    );
    steps = await signalIfComplete(committed.steps, committed.manifest, chunk, deps);
  }
  return steps.map(outcomeOf);
}
