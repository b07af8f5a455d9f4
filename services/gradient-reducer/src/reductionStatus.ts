import {
  type BlobStore,
  bucketObjects,
  chunkShotCounts,
  InputError,
  MAX_BATCH_SIZE,
  positionChunks,
  type ReductionStatus,
  readContract,
  runKeys,
  type ShotChunks,
  taskFileSchema,
} from '@seisless/core';
import { z } from 'zod';
import { type AccumulatorHead, accumulatorRef, headAccumulator } from './accumulatorStore';
import { mapConcurrently } from './mapConcurrently';

/** The state machine's question (docs/contracts/state-machine.md, state ReductionStatus). */
export const statusQuerySchema = z.strictObject({
  runId: z.string().min(1),
  iteration: z.number().int().nonnegative(),
  /** The iteration's batch: shot ids in batch-position order. */
  shots: z
    .array(z.number().int().nonnegative())
    .min(1)
    .max(MAX_BATCH_SIZE)
    .refine((shots) => new Set(shots).size === shots.length, 'distinct shot ids'),
  chunkCount: z.number().int().positive(),
});

export type StatusQuery = z.infer<typeof statusQuerySchema>;

/** HEADs in flight at once; a 3-D gradient may have hundreds of chunks. */
const HEAD_CONCURRENCY = 32;
const DEAD_LETTER_KEY = /shot-(\d+)-chunk-(\d+)\.json$/;

function deadLettered(keys: readonly string[], chunkCount: number): { shot: number; chunk: number }[] {
  return keys.flatMap((key) => {
    const match = DEAD_LETTER_KEY.exec(key);
    if (match === null) return [];
    const entry = { shot: Number(match[1]), chunk: Number(match[2]) };
    return entry.chunk < chunkCount ? [entry] : [];
  });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function between([first, end]: ShotChunks): number[] {
  return Array.from({ length: end - first }, (_, i) => first + i);
}

function summarise(
  query: StatusQuery,
  coverage: readonly ShotChunks[] | undefined,
  heads: readonly (AccumulatorHead | undefined)[],
  deadKeys: string[],
  checkedAt: number,
): ReductionStatus {
  const { shots, chunkCount } = query;
  const holds = (chunk: number, position: number) => heads[chunk]?.manifest.has(position) ?? false;
  // A shot is in when every chunk its window touches holds it (every chunk, without apertures).
  const inAll = shots.map((_, j) =>
    between(positionChunks(coverage, j, chunkCount)).every((c) => holds(c, j)),
  );
  const dead = deadLettered(deadKeys, chunkCount);
  const expected = chunkShotCounts(coverage, shots.length, chunkCount);
  // A chunk no shot touches is complete from the start: its gradient is zeros.
  const chunksComplete = expected.filter((n, c) => n === 0 || heads[c]?.manifest.count === n).length;
  const summed = heads.filter((h) => h !== undefined);
  const times = heads.flatMap((h) => (h?.lastModified === undefined ? [] : [h.lastModified.getTime()]));
  return {
    complete: chunksComplete === chunkCount,
    chunkCount,
    chunksComplete,
    shotsInAllChunks: shots.filter((_, j) => inAll[j]),
    missingShots: shots.filter((_, j) => !inAll[j]),
    deadLetterShots: shots.filter((shot, j) => dead.some((d) => d.shot === shot && !holds(d.chunk, j))),
    // Each shot's objective is in its first chunk's accumulator only.
    objective: summed.length === 0 ? null : summed.reduce((sum, h) => sum + h.objective, 0),
    lastUpdateAt: times.length === 0 ? null : Math.max(...times),
    checkedAt,
    updateMs: median(heads.flatMap((h) => (h?.updateMs === undefined ? [] : [h.updateMs]))),
  };
}

/**
 * Answers the state machine's "is the reduction complete?" (`ReductionStatus` of @seisless/core) for
 * a query the handler parsed with {@link statusQuerySchema}: reads the gradient task file (each
 * shot's chunks, `reduction.shotChunks`; its `shots` must be the query's), HEADs every chunk's accumulator (manifest in its
 * metadata, no data read) and lists the iteration's dead-letter records. Complete when every shot
 * is in the manifest of every chunk its aperture window touches (every chunk without apertures).
 *
 * @example
 * await reductionStatus({ runId: 'demo', iteration: 1, shots: [4, 9], chunkCount: 2 }, { store, bucket });
 * // { complete: false, chunksComplete: 1, shotsInAllChunks: [4], missingShots: [9], … }
 */
export async function reductionStatus(
  query: StatusQuery,
  deps: { readonly store: BlobStore; readonly bucket: string; readonly now?: () => number },
): Promise<ReductionStatus> {
  const { runId, iteration, chunkCount } = query;
  // Taken before the reads: an accumulator written later is news to the next wait.
  const checkedAt = (deps.now ?? Date.now)();
  const chunks = Array.from({ length: chunkCount }, (_, chunk) => chunk);
  const taskKey = runKeys(runId).task(iteration, 'gradient');
  const [task, heads, deadKeys] = await Promise.all([
    readContract(bucketObjects(deps.store, deps.bucket), taskKey, taskFileSchema),
    mapConcurrently(chunks, HEAD_CONCURRENCY, (chunk) =>
      headAccumulator(deps.store, accumulatorRef(deps.bucket, { runId, iteration, chunk })),
    ),
    deps.store.list(deps.bucket, runKeys(runId).deadLettersPrefix(iteration)),
  ]);
  // The task file's chunk ranges are by batch position: they only answer for the batch it lists.
  if (task.shots.length !== query.shots.length || task.shots.some((shot, j) => shot !== query.shots[j])) {
    throw new InputError(
      `${taskKey}: shots`,
      JSON.stringify(task.shots),
      `${JSON.stringify(query.shots)}, the batch the query names, in its order`,
    );
  }
  heads.forEach((head, chunk) => {
    if (head !== undefined && head.manifest.batchSize !== query.shots.length) {
      const key = runKeys(runId).accumulator(iteration, chunk);
      throw new InputError(
        key,
        `batch size ${head.manifest.batchSize}`,
        `${query.shots.length}, the number of shots the query names`,
      );
    }
  });
  return summarise(query, task.reduction?.shotChunks, heads, deadKeys, checkedAt);
}
