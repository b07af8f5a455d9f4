import { InputError, type ObjectStore, runKeys } from '@seisless/core';
import { z } from 'zod';

const count = z.number().int().nonnegative();

/** The line search's answer to the state machine (state-machine.md `StepDecision`). */
export const stepDecisionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('accept'),
    rule: z.string(),
    step: z.number(),
    /** f(x_{k−1}): the iteration's objective over the used shots, rescaled (for the iterator's record). */
    objective: z.number().nullable(),
  }),
  z.object({
    action: z.literal('evaluate'),
    rule: z.string(),
    kind: z.enum(['objective', 'born-norm']),
    trial: z.object({ index: count, step: z.number() }),
  }),
]);
export type StepDecision = z.infer<typeof stepDecisionSchema>;

/**
 * `iterations/{k}/line-search/state.json`: what the line search knows between its calls of one
 * iteration. The iterator reads `objective`, `usedShots`, `rescale`, `warnings` and the decision.
 */
export const lineSearchStateSchema = z.object({
  version: z.literal(1),
  runId: z.string(),
  iteration: count,
  algorithm: z.enum(['rtm', 'lsrtm', 'fwi']),
  rule: z.string(),
  status: z.enum(['evaluating', 'accepted']),
  batchShots: z.array(count),
  usedShots: z.array(count),
  droppedShots: z.array(count),
  batchSize: count,
  rescale: z.number(),
  /** f(x_{k−1}) over the used shots, rescaled by `rescale`. */
  objective: z.number(),
  gradientNormSq: z.number(),
  /** gᵀd, the objective's slope along the direction (−‖g‖²). */
  slope: z.number(),
  trials: z.array(z.object({ index: count, step: z.number(), value: z.number().nullable() })),
  decision: stepDecisionSchema,
  /** Calls that found no scalars for the pending trial and repeated its decision. */
  replays: count,
  warnings: z.array(z.string()),
  updatedAt: z.string(),
});
export type LineSearchState = z.infer<typeof lineSearchStateSchema>;

/** Reads iteration k's state, or undefined on the iteration's first call. */
export async function readState(
  store: ObjectStore,
  runId: string,
  k: number,
): Promise<LineSearchState | undefined> {
  const key = runKeys(runId).lineSearchState(k);
  const json = await store.getJsonOrUndefined<unknown>(key);
  if (json === undefined) return undefined;
  const parsed = lineSearchStateSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      `${key}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export async function writeState(store: ObjectStore, state: LineSearchState): Promise<void> {
  await store.putJson(runKeys(state.runId).lineSearchState(state.iteration), state);
}
