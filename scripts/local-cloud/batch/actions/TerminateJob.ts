import type { BatchAction } from './context';

/** TerminateJob: cancels a job not yet started, or ends a STARTING/RUNNING one (no retry). */
export const TerminateJob: BatchAction = (input, { store, service }) => {
  service.terminate(store.job(input.jobId), String(input.reason ?? 'Terminated by user'));
  return {};
};
