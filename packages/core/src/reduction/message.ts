import { z } from 'zod';
import { ValidationError } from '../errors';
import { describeSchemaIssues, schemaParseOptions } from '../spec/describeSchemaIssues';

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
    batchSize: z.number().int().positive().describe('B, the batch size'),
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
  })
  .meta({ id: 'ReductionMessage' });

export type ReductionMessage = z.infer<typeof reductionMessageSchema>;

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
 * Parses a message body, throwing a ValidationError naming each bad field.
 *
 * @example
 * const message = parseReductionMessage(record.body, record.messageId);
 */
export function parseReductionMessage(body: string, source: string): ReductionMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (cause) {
    throw new ValidationError(`${source}: body is not JSON; expected a reduction message`, [], { cause });
  }
  const parsed = reductionMessageSchema.safeParse(json, schemaParseOptions);
  if (!parsed.success) {
    const issues = describeSchemaIssues(parsed.error.issues);
    throw new ValidationError(`${source}: invalid reduction message: ${issues.join('; ')}`, issues);
  }
  const m = parsed.data;
  if (m.batchIndex >= m.batchSize || m.chunk >= m.chunkCount) {
    throw new ValidationError(
      `${source}: batchIndex/chunk out of range; expected batchIndex < batchSize and chunk < chunkCount`,
    );
  }
  return m;
}
