import { randomUUID } from 'node:crypto';
import { jobDetail } from '../batch/detail';
import type { Job } from '../batch/model';
import type { BatchStore } from '../batch/store';

/** An event on the bus, in the envelope every AWS service event has. */
export interface BusEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** ISO 8601 to the second (`2022-01-11T23:36:40Z`). */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** `2022-01-11T23:36:40Z`: EventBridge's `time` has no fraction of a second. */
export const eventTime = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The "Batch Job State Change" event AWS Batch sends when a job's status changes (not at its
 * submission): `detail` is the job as DescribeJobs returns it at that moment, copied, so later
 * changes of the job do not show through.
 */
export function batchJobStateChange(
  job: Job,
  store: BatchStore,
  scope: { region: string; accountId: string },
): BusEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Batch Job State Change',
    source: 'aws.batch',
    account: scope.accountId,
    time: eventTime(new Date()),
    region: scope.region,
    resources: [job.jobArn],
    detail: JSON.parse(JSON.stringify(jobDetail(job, store))) as Record<string, unknown>,
  };
}
