import { z } from 'zod';
import { ValidationError } from '../errors';
import { parseInput } from '../lambda/parseInput';
import { chunkCount } from '../npy/chunks';
import { elementCount } from '../npy/float32Npy';
import { runKeys } from '../storage/keys';
import { MAX_BATCH_SIZE } from './accumulator/manifest';

/** One reduction message: chunk `chunk` of shot `shot`'s gradient is ready (docs/contracts/messages.md). */
export const reductionMessageSchema = z
  .strictObject({
    version: z.literal(1).describe('the format; the reducer refuses any other'),
    runId: z.string().min(1),
    iteration: z.number().int().nonnegative().describe('k'),
    shot: z.number().int().nonnegative().describe('the shot id'),
    batchIndex: z
      .number()
      .int()
      .nonnegative()
      .describe("the shot's position in the batch (`shots.indexOf(shot)`): its bit in the manifest"),
    batchSize: z
      .number()
      .int()
      .positive()
      .max(MAX_BATCH_SIZE)
      .describe(`B, the batch size (at most ${MAX_BATCH_SIZE}, what a manifest holds)`),
    chunk: z.number().int().nonnegative().describe("c, this message's chunk (< `chunkCount`)"),
    chunkCount: z.number().int().positive().describe('ceil(N / S)'),
    chunkSize: z.number().int().positive().describe('S, elements per chunk (`reduction.chunkSize`)'),
    elementCount: z.number().int().positive().describe("N, the gradient's elements (C order)"),
    shape: z.array(z.number().int().positive()).min(1).describe('the grid shape'),
    bucket: z.string().min(1).describe('the bucket of `gradientKey`'),
    gradientKey: z.string().min(1).describe('`iterations/{k}/gradients/shot-{i}.npy`'),
    headerLength: z
      .number()
      .int()
      .positive()
      .describe('bytes of the `.npy` header: chunk c starts at byte `headerLength + 4·c·S`'),
    objective: z.number().describe("the shot's objective value"),
    shotChunks: z
      .tuple([z.number().int().nonnegative(), z.number().int().positive()])
      .optional()
      .describe(
        "the chunks [first, end) this shot's aperture window touches, all it sends (absent: every chunk)",
      ),
    chunkShots: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        "the batch's shots whose windows touch this chunk: its accumulator's complete count (absent: B)",
      ),
    chunksWithShots: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'the chunks any batch shot touches: the reduction is complete when all are (absent: `chunkCount`)',
      ),
  })
  .superRefine((m, ctx) => {
    for (const issue of layoutIssues(m)) ctx.addIssue({ code: 'custom', ...issue });
  })
  .meta({ id: 'ReductionMessage' });

export type ReductionMessage = z.infer<typeof reductionMessageSchema>;

/**
 * Where a message contradicts itself: its position outside the batch or its chunk outside the
 * gradient, a layout other than its shape's, a gradient key other than its shot's. A message
 * that passed them describes one chunk of one shot's gradient, stored where the run keeps it.
 */
function layoutIssues(
  m: ReductionMessage,
): { path: [keyof ReductionMessage]; input: unknown; message: string }[] {
  const expected = {
    batchIndex: m.batchIndex < m.batchSize ? undefined : `a position below batchSize ${m.batchSize}`,
    chunk: m.chunk < m.chunkCount ? undefined : `a chunk below chunkCount ${m.chunkCount}`,
    elementCount: consistent(m.elementCount, elementCount(m.shape), 'the product of shape'),
    chunkCount: consistent(m.chunkCount, chunkCount(m.shape, m.chunkSize), 'ceil(elementCount / chunkSize)'),
    shotChunks: within(m.shotChunks, m.chunk, m.chunkCount),
    chunkShots: (m.chunkShots ?? 0) <= m.batchSize ? undefined : `at most batchSize ${m.batchSize}`,
    chunksWithShots:
      (m.chunksWithShots ?? 0) <= m.chunkCount ? undefined : `at most chunkCount ${m.chunkCount}`,
    gradientKey: consistent(
      m.gradientKey,
      runKeys(m.runId).gradient(m.iteration, m.shot),
      'the key of its shot',
    ),
  };
  return Object.entries(expected).flatMap(([name, message]) =>
    message === undefined
      ? []
      : [{ path: [name as keyof ReductionMessage], input: m[name as keyof ReductionMessage], message }],
  );
}

function within(range: ReductionMessage['shotChunks'], chunk: number, count: number): string | undefined {
  if (range === undefined) return undefined;
  const [first, end] = range;
  return first <= chunk && chunk < end && end <= count
    ? undefined
    : `a range holding chunk ${chunk}, within chunkCount ${count}`;
}

/**
 * What a message's chunk and iteration expect, its defaults filled in: every shot in every chunk
 * unless the shots' aperture windows say otherwise (docs/contracts/messages.md).
 */
export function messageCoverage(m: ReductionMessage): {
  shotChunks: readonly [number, number];
  chunkShots: number;
  chunksWithShots: number;
} {
  return {
    shotChunks: m.shotChunks ?? [0, m.chunkCount],
    chunkShots: m.chunkShots ?? m.batchSize,
    chunksWithShots: m.chunksWithShots ?? m.chunkCount,
  };
}

function consistent<T>(received: T, expected: T, what: string): string | undefined {
  return received === expected ? undefined : `${JSON.stringify(expected)}, ${what}`;
}

/** The FIFO group of a chunk: one accumulator, updated by one invocation at a time. */
export function reductionGroupId(m: Pick<ReductionMessage, 'runId' | 'iteration' | 'chunk'>): string {
  return `${m.runId}/${m.iteration}/chunk-${m.chunk}`;
}

/** The FIFO deduplication id of one shot's chunk. */
export function reductionDeduplicationId(
  m: Pick<ReductionMessage, 'runId' | 'iteration' | 'shot' | 'chunk'>,
): string {
  return `${m.runId}/${m.iteration}/${m.shot}/${m.chunk}`;
}

/**
 * Parses a message body, throwing a ValidationError naming each bad field: its schema, then its
 * consistency (batch position and chunk in range, the layout of its shape, its shot's gradient key).
 *
 * @example
 * const message = parseReductionMessage(record.body, `message ${record.messageId}`);
 */
export function parseReductionMessage(body: string, source: string): ReductionMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new ValidationError(source, 'a body that is not JSON', 'a reduction message', { cause });
  }
  return parseInput(reductionMessageSchema, json, source);
}
