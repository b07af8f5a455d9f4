import { type WakeDeps, wakeRun } from '@seisless/core';
import { z } from 'zod';

/**
 * The part of EventBridge's "Batch Job State Change" event this function reads: `detail` is the
 * job as DescribeJobs shows it. Other fields pass (the event carries many).
 */
export const jobStateChangeSchema = z.object({
  'detail-type': z.literal('Batch Job State Change'),
  detail: z.object({
    jobId: z.string().min(1),
    jobName: z.string().optional(),
    status: z.string().min(1),
    tags: z.record(z.string(), z.string()).optional(),
    arrayProperties: z.object({ index: z.number().int().nonnegative().optional() }).optional(),
  }),
});

export type JobStateChange = z.output<typeof jobStateChangeSchema>;

/** The tag `submit` gives every job of a run (jobSubmissions.ts). */
const RUN_TAG = 'seisless:run';

/** An array child (`arrayProperties.index`) or a multi-node job's node (`jobId#node`). */
function isPartOfAJob(detail: JobStateChange['detail']): boolean {
  return detail.arrayProperties?.index !== undefined || detail.jobId.includes('#');
}

/**
 * A Batch job ended: wake its run's state machine, which then checks its jobs (docs/contracts/
 * state-machine.md, "Waiting"). Only whole jobs count: an array job ends once, after its last
 * child, so its children's events (and a multi-node job's nodes') wake nothing. The rule's
 * pattern already drops array children (`arrayProperties.index` must not exist); this check
 * stays for nodes and for any rule that lets them through. Jobs without the run tag are not
 * seisless's.
 *
 * @returns the run woken, or why the event was passed over.
 */
export async function onJobEnded(
  event: JobStateChange,
  deps: WakeDeps,
): Promise<{ runId: string; woke: boolean } | { ignored: string }> {
  const { detail } = event;
  const runId = detail.tags?.[RUN_TAG];
  if (runId === undefined) return { ignored: `job ${detail.jobId} has no ${RUN_TAG} tag` };
  if (isPartOfAJob(detail)) return { ignored: `job ${detail.jobId} is part of a larger job` };
  const woke = await wakeRun(
    deps,
    runId,
    `job ${detail.jobName ?? detail.jobId} ${detail.status.toLowerCase()}`,
  );
  return { runId, woke };
}
