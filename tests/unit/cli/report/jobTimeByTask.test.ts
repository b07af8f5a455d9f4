import { jobTimeByTask } from '../../../../scripts/report/jobTimeByTask';
import { jobTimings } from '../../../support/jobTimings';

const gradient = (
  totalS: number,
  kernelS: number,
  parts: Record<string, number>,
  phases: Record<string, number>,
) =>
  jobTimings({
    task: 'gradient',
    total_s: totalS,
    kernel_s: kernelS,
    first_kernel_at: 1_767_225_600 + totalS / 4,
    compute_parts: { kernel: kernelS, ...parts },
    phases,
  });

describe('job time by task', () => {
  it("per task, the median job's totals and the median of each phase and compute part, absent ones as 0", () => {
    const jobs = [
      gradient(4, 2, { allocate: 0.3, records: 0.1, zero: 0.0004 }, { startup: 0.2, compute: 3, write: 0.1 }),
      gradient(8, 2, { allocate: 0.5, records: 0.3, zero: 0.0002 }, { startup: 0.4, compute: 6 }),
      gradient(6, 3, { allocate: 0.4, zero: 0.0009 }, { startup: 0.3, compute: 5, write: 0.2, import: 0.6 }),
      jobTimings({
        task: 'born-norm',
        total_s: 3,
        kernel_s: 2,
        compute_parts: { kernel: 2, other: 0.5 },
        phases: {},
      }),
    ];

    const [g, b] = jobTimeByTask(jobs);

    expect(g).toEqual({
      task: 'gradient',
      jobs: 3,
      median_total_s: 6,
      median_kernel_s: 2,
      median_wall_over_kernel: 2, // 2, 4, 2
      median_fixed_cost_s: 1.5, // 1, 2, 1.5
      jobs_with_parts: 3,
      // compute is a phase split into parts; write 0.1, 0, 0.2; import 0, 0, 0.6 (median 0: left out).
      phases_s: { startup: 0.3, write: 0.1 },
      // kernel is a column of its own; records 0.1, 0.3, 0; zero's median 0.4 ms is below 1 ms.
      compute_parts_s: { allocate: 0.4, records: 0.1 },
    });
    expect(b).toMatchObject({
      task: 'born-norm',
      jobs: 1,
      median_wall_over_kernel: 1.5,
      compute_parts_s: { other: 0.5 },
    });
  });

  it('jobs without compute parts or kernels (the model task, older timings) still get their totals', () => {
    const model = jobTimings({
      task: 'model',
      total_s: 1.2,
      kernel_s: 0,
      phases: { startup: 0.2, compute: 0.9 },
    });

    expect(jobTimeByTask([model])).toEqual([
      {
        task: 'model',
        jobs: 1,
        median_total_s: 1.2,
        median_kernel_s: 0,
        median_wall_over_kernel: null,
        median_fixed_cost_s: null,
        jobs_with_parts: 0,
        phases_s: { startup: 0.2 },
        compute_parts_s: {},
      },
    ]);
    expect(jobTimeByTask([])).toEqual([]);
  });

  it("a task's compute parts are medians over its jobs that recorded parts only", () => {
    const older = jobTimings({ total_s: 5, kernel_s: 2 });
    const newer = jobTimings({ total_s: 3, kernel_s: 2, compute_parts: { kernel: 2, allocate: 0.25 } });

    const [g] = jobTimeByTask([older, newer]);

    expect(g).toMatchObject({
      jobs: 2,
      median_total_s: 4,
      jobs_with_parts: 1,
      compute_parts_s: { allocate: 0.25 },
    });
  });
});
