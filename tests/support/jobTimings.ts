import type { JobTimings } from '@seisless/core';

/**
 * A compute job's timings file as `docker/seisless_compute/tasks/runner.py` writes it (a gradient
 * job by default), with `fields` replacing the defaults.
 */
export function jobTimings(fields: Partial<JobTimings> = {}): JobTimings {
  return {
    task: 'gradient',
    runId: 'r1',
    iteration: 1,
    shot: 0,
    jobId: 'job-1',
    attempt: 1,
    vcpus: 1,
    threads: 1,
    ranks: 1,
    kernel_s: 0.5,
    sections: {},
    compile_s: 0.1,
    compile_cached: true,
    io_read_s: 0.01,
    io_write_s: 0.01,
    bytes_read: 1024,
    bytes_written: 1024,
    phases: {},
    total_s: 1,
    started_at: 1_767_225_600,
    finished_at: 1_767_225_601,
    ...fields,
  };
}
