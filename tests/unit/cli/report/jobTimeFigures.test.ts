import { jobTimeFigures, median, secondsWithoutJobs } from '../../../../scripts/report/jobTimeFigures';
import { jobTimings } from '../../../support/jobTimings';

const job = (startS: number, totalS: number, kernelS: number, firstKernelAfterS?: number) =>
  jobTimings({
    started_at: startS,
    finished_at: startS + totalS,
    total_s: totalS,
    kernel_s: kernelS,
    ...(firstKernelAfterS === undefined ? {} : { first_kernel_at: startS + firstKernelAfterS }),
  });

describe('job time figures', () => {
  it('the median of odd and even counts, none for no values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts the seconds of a span that no job covers, overlaps and jobs outside the span included', () => {
    const jobs = [job(100, 10, 5), job(105, 10, 5), job(130, 5, 1), job(90, 5, 1), job(200, 5, 1)];
    // Inside [100, 140]: covered [100, 115] and [130, 135], so 40 − 20 s without a job.
    expect(secondsWithoutJobs(jobs, 100, 140)).toBe(20);
    expect(secondsWithoutJobs([], 100, 140)).toBe(40);
    expect(secondsWithoutJobs([job(90, 100, 1)], 100, 140)).toBe(0);
  });

  it('kernel efficiency, the median wall/kernel and fixed cost, and time without jobs', () => {
    const jobs = [job(0, 4, 2, 1), job(0, 6, 4, 0.5), job(10, 3, 1, 2), job(10, 1, 0)];

    const figures = jobTimeFigures(jobs, { fromS: 0, toS: 20 }, 2);

    expect(figures).toEqual({
      kernel_efficiency: 0.175, // 7 s of kernels / (2 slots × 20 s)
      median_wall_over_kernel: 2, // 1.5, 2, 3: the job without a kernel does not count
      median_fixed_cost_s: 1, // 1, 0.5, 2
      no_job_running_s: 11, // [6, 10] and [13, 20]
    });
  });

  it('unknown slots or span leave their figures null', () => {
    const figures = jobTimeFigures([job(0, 4, 2)], null, null);
    expect(figures).toEqual({
      kernel_efficiency: null,
      median_wall_over_kernel: 2,
      median_fixed_cost_s: null,
      no_job_running_s: null,
    });
  });
});
