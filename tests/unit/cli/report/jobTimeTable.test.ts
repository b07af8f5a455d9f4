import type { TaskTimeFigures } from '../../../../scripts/report/jobTimeByTask';
import { jobTimeTable } from '../../../../scripts/report/jobTimeTable';

const task = (
  name: string,
  phases: Record<string, number>,
  parts: Record<string, number>,
): TaskTimeFigures => ({
  task: name,
  jobs: 1,
  median_total_s: 1,
  median_kernel_s: 0.5,
  median_wall_over_kernel: 2,
  median_fixed_cost_s: 0.25,
  jobs_with_parts: 1,
  phases_s: phases,
  compute_parts_s: parts,
});

describe("the table of where the jobs' time goes", () => {
  it('orders the columns as a job goes through its phases and parts, other last, unknown names after', () => {
    const html = jobTimeTable([
      task('model', { write: 0.02, startup: 0.1 }, { other: 0.03 }),
      task(
        'gradient',
        { startup: 0.2, read: 0.03, novel: 0.5 },
        { records: 0.2, allocate: 0.25, later: 0.1 },
      ),
    ]);

    expect(html).toMatch(
      /<th>startup<\/th><th>read<\/th><th>write<\/th><th>novel<\/th><th>allocate<\/th><th>records<\/th><th>other<\/th><th>later<\/th><\/tr>/,
    );
    expect(html).toMatch(
      /<th colspan="6">median job<\/th><th colspan="4">phases besides compute \(s\)<\/th>/,
    );
  });

  it('no task, no table', () => {
    expect(jobTimeTable([])).toBe('');
  });
});
