import { z } from 'zod';
import { ValidationError } from '../errors';

/** One reduction message: chunk `chunk` of shot `shot`'s gradient is ready (docs/contracts/messages.md). */
export const reductionMessageSchema = z.strictObject({
  version: z.literal(1),
  runId: z.string().min(1),
  iteration: z.number().int().nonnegative(),
  shot: z.number().int().nonnegative(),
  batchIndex: z.number().int().nonnegative(),
  batchSize: z.number().int().positive(),
  chunk: z.number().int().nonnegative(),
  chunkCount: z.number().int().positive(),
  chunkSize: z.number().int().positive(),
  elementCount: z.number().int().positive(),
  shape: z.array(z.number().int().positive()).min(1),
  bucket: z.string().min(1),
  gradientKey: z.string().min(1),
  headerLength: z.number().int().positive(),
  objective: z.number(),
});

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
  const parsed = reductionMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
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
