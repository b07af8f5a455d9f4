import { renderHtml } from '../../../../scripts/report/renderHtml';
import type { RunReport } from '../../../../scripts/report/reportTypes';

const report: RunReport = {
  runId: 'demo',
  algorithm: 'lsrtm',
  status: 'FAILED',
  iterations: 3,
  completed_iterations: 1,
  run_wall_s: 12,
  jobs: { count: 2, wall_s_total: 8, kernel_s_total: 6 },
  job_vcpus: 1,
  parallel_job_slots: 2,
  pipeline_efficiency: 0.3333,
  job_time: {
    kernel_efficiency: 0.25,
    median_wall_over_kernel: 1.3,
    median_fixed_cost_s: 0.9,
    no_job_running_s: 4,
    by_task: [
      {
        task: 'gradient',
        jobs: 2,
        median_total_s: 2.8118,
        median_kernel_s: 1.9918,
        median_wall_over_kernel: 1.412,
        median_fixed_cost_s: 0.6431,
        jobs_with_parts: 2,
        phases_s: { startup: 0.21, read: 0.0505 },
        compute_parts_s: { allocate: 0.2763 },
      },
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
    ],
  },
  max_concurrent_jobs: 2,
  job_memory: [{ task: 'gradient', jobs: 2, peak_mib: 912.5, estimate_mib: 1019, peak_over_estimate: 0.895 }],
  gradients: 2,
  reducer_invocations: null,
  reducer_invocations_per_gradient: null,
  lambda_invocations: null,
  crash_recoveries: null,
  image_quality: null,
  per_iteration: [],
  objectives: [1],
  notes: ['a <note>'],
  error: { Error: 'ShotsFailedError', Cause: 'shots <3>' },
  cost_ledger: {
    prices: { region: 'us-east-1', date: '2026-12-06', source: 'AWS <pages>', spot: 'a ratio' },
    priced_as: {
      environment: 'spot',
      instance_types: ['c5', 'm5', 'r5'],
      purchase: 'spot',
      throughput_ratio: 1,
      basis: 'unscaled',
    },
    attempts: [],
    per_iteration: [{ k: 1, attempts: 3, failed_attempts: 1, batch_usd: 0.0375 }],
    batch_ec2: { usd: 0.0375, quantities: { attempts: 3, failed_attempts: 1 } },
    lambda: { usd: 0.000003, quantities: { requests: 15, gb_seconds: null } },
    sqs: { usd: null, quantities: { standard: null, fifo: null } },
    step_functions: { usd: null, quantities: { transitions: null } },
    s3: { usd: 0.001, quantities: { stored_gb: 1 } },
    total_usd: 0.038503,
    sources: { sqs: 'not counted per <run>' },
    unpriced: ['sqs requests'],
    notes: ['job time: unscaled'],
  },
};

describe('renderHtml', () => {
  it('shows the figures, escapes text and links the PNGs', () => {
    const html = renderHtml(report, [{ png: 'objective.png', caption: 'Objective per iteration' }]);
    expect(html).toMatch(/<td>pipeline efficiency<\/td><td>0.3333<\/td>/);
    expect(html).toMatch(/<td>kernel efficiency<\/td><td>0.25<\/td>/);
    expect(html).toMatch(/<td>time with no job running \(s\)<\/td><td>4<\/td>/);
    expect(html).toMatch(
      /<h2>Job memory<\/h2>.*<td>gradient<\/td><td>2<\/td><td>912.5<\/td><td>1019<\/td><td>0.895<\/td>/s,
    );
    expect(html).toMatch(/ShotsFailedError: shots &lt;3&gt;/);
    expect(html).toMatch(/a &lt;note&gt;/);
    expect(html).toMatch(/<img src="objective.png"/);
    expect(html).toMatch(/<td>reducer invocations per gradient<\/td><td>–<\/td>/);
  });

  it("shows where the jobs' time goes: one row per task, seconds to 3 significant digits", () => {
    const html = renderHtml(report, []);
    expect(html).toMatch(/<h2>Where the jobs' time goes<\/h2>/);
    expect(html).toMatch(
      /<th>task<\/th><th>jobs<\/th><th>total \(s\)<\/th><th>kernel \(s\)<\/th><th>wall \/ kernel<\/th><th>fixed cost \(s\)<\/th><th>startup<\/th><th>read<\/th><th>allocate<\/th><\/tr>/,
    );
    expect(html).toMatch(
      /<td>gradient<\/td><td>2<\/td><td>2.81<\/td><td>1.99<\/td><td>1.41<\/td><td>0.643<\/td><td>0.21<\/td><td>0.0505<\/td><td>0.276<\/td>/,
    );
    // The model task recorded no read phase (below 1 ms) and no compute parts.
    expect(html).toMatch(
      /<td>model<\/td><td>1<\/td><td>1.2<\/td><td>0<\/td><td>–<\/td><td>–<\/td><td>0.2<\/td><td>&lt;0.001<\/td><td>–<\/td>/,
    );
  });

  it('shows the cost ledger: each service, the total, per iteration and where prices come from', () => {
    const html = renderHtml(report, []);
    expect(html).toMatch(/<h2>Cost ledger<\/h2>/);
    expect(html).toMatch(/<td>Batch EC2<\/td><td>0.0375<\/td><td>attempts 3, failed_attempts 1<\/td>/);
    expect(html).toMatch(/<td>SQS<\/td><td>–<\/td><td><\/td><td>not counted per &lt;run&gt;<\/td>/);
    expect(html).toMatch(/<th>total<\/th><th>0.038503<\/th>/);
    expect(html).toMatch(/<td>1<\/td><td>3<\/td><td>1<\/td><td>0.0375<\/td>/);
    expect(html).toMatch(/us-east-1, prices of 2026-12-06.*AWS &lt;pages&gt;/);
  });

  it('lists each reducer crash with its chunk and the time to its next merge', () => {
    const crash = {
      chunk: 'demo/1/chunk-0',
      crashed_at: Date.parse('2026-12-06T03:00:00.000Z'),
      merged_at: Date.parse('2026-12-06T03:00:06.400Z'),
      recovery_s: 6.4,
      receives: 2,
    };

    const html = renderHtml({ ...report, crash_recoveries: [crash] }, []);

    expect(html).toMatch(/Reducer crash recovery/);
    expect(html).toMatch(
      /<td>demo\/1\/chunk-0<\/td><td>2026-12-06T03:00:00.000Z<\/td><td>6.4<\/td><td>2<\/td>/,
    );
    expect(renderHtml(report, [])).not.toMatch(/Reducer crash recovery/);
  });
});
