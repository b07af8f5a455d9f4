import type { BatchAction } from './context';

/** CancelJob: jobs in SUBMITTED, PENDING or RUNNABLE fail with the reason; others are not affected. */
export const CancelJob: BatchAction = (input, { store, service }) => {
  service.cancel(store.job(input.jobId), String(input.reason ?? 'Cancelled by user'));
  return {};
};
