import type { ObjectStore, RunState } from '@seisless/core';
import { z } from 'zod';
import { updateRunState } from './runState';

/** The Finish and RecordFailure states' input (docs/contracts/state-machine.md). */
export const finishInputSchema = z.object({
  runId: z.string().min(1),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  /** The Catch output: `{ Error, Cause }`, where Cause may be a JSON-encoded Lambda error. */
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

export type FinishInput = z.output<typeof finishInputSchema>;

/** Records the end of a run in its state, with a readable error when it failed. */
export async function finish(
  input: FinishInput,
  deps: { store: ObjectStore; now: () => Date },
): Promise<{ runId: string; status: string }> {
  const now = deps.now().toISOString();
  await updateRunState(
    deps.store,
    input.runId,
    (state): RunState => ({
      ...state,
      status: input.status,
      updatedAt: now,
      finishedAt: now,
      ...(input.status === 'FAILED' ? { error: readableError(input.error) } : {}),
    }),
  );
  return { runId: input.runId, status: input.status };
}

/** Lambda errors arrive as `Cause: '{"errorType":…,"errorMessage":…}'`; keep the message. */
export function readableError(error: FinishInput['error']): { Error: string; Cause: string } {
  const name = error?.Error ?? 'Error';
  const cause = error?.Cause ?? 'unknown cause';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    return { Error: name, Cause: parsed.errorMessage ?? cause };
  } catch {
    return { Error: name, Cause: cause };
  }
}
