import { ApiError } from '../../http';
import { jobDetail } from '../detail';
import type { BatchAction } from './context';

/** DescribeJobs: up to 100 jobs by id; unknown ids are left out, as AWS does. */
export const DescribeJobs: BatchAction = (input, { store }) => {
  const ids = Array.isArray(input.jobs) ? input.jobs.map(String) : [];
  if (ids.length > 100) throw new ApiError(400, 'ClientException', 'jobs: at most 100 job ids per call');
  const jobs = ids.flatMap((id) => {
    const job = store.jobs.get(id);
    return job ? [jobDetail(job, store)] : [];
  });
  return { jobs };
};
