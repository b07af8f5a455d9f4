import type { Job } from '../batch/model';
import type { BatchStore } from '../batch/store';
import { batchJobStateChange } from './batchJobEvent';
import type { EventBus } from './eventBus';

/**
 * The local Batch's status-change hook: each change becomes a "Batch Job State Change" event on the
 * bus, built only when a rule listens and never throwing into Batch (a failure is logged).
 */
export function batchStateChanges(
  bus: EventBus,
  store: BatchStore,
  scope: { region: string; accountId: string; log: (line: string) => void },
): (job: Job) => void {
  return (job) => {
    if (!bus.listening) return;
    try {
      bus.put(batchJobStateChange(job, store, scope));
    } catch (error) {
      scope.log(
        `events: no Batch Job State Change event for job ${job.jobId} (${job.status}): ${String(error)}`,
      );
    }
  };
}
