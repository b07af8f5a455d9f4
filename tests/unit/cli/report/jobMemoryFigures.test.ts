import { estimateJobMemory, type JobTimings, validateRunSpec } from '@seisless/core';
import { jobMemoryFigures } from '../../../../scripts/report/jobMemoryFigures';
import { lsrtmSpec } from '../../../support/runSpecs';

const spec = validateRunSpec(lsrtmSpec());

function job(task: JobTimings['task'], peak: number | undefined, nt: number | null): JobTimings {
  return {
    task,
    runId: 'r',
    iteration: 1,
    shot: 0,
    jobId: null,
    attempt: 1,
    vcpus: 1,
    threads: 1,
    ranks: 1,
    kernel_s: 1,
    sections: {},
    compile_s: 0,
    compile_cached: true,
    nt,
    io_read_s: 0,
    io_write_s: 0,
    bytes_read: 0,
    bytes_written: 0,
    phases: {},
    total_s: 2,
    started_at: 1,
    finished_at: 3,
    ...(peak === undefined ? {} : { peak_rss_mib: peak }),
  };
}

describe('jobMemoryFigures', () => {
  it("puts each task kind's largest peak beside the preflight estimate at its longest time axis", () => {
    const figures = jobMemoryFigures(spec, [
      job('gradient', 300, 900),
      job('gradient', 450.25, 1000),
      job('model', 120, null),
      job('born-norm', undefined, 1000),
    ]);
    const gradientEstimate = estimateJobMemory(spec, 1000).find((m) => m.kind === 'gradient')?.mib ?? 0;
    const modelEstimate = estimateJobMemory(spec, 1).find((m) => m.kind === 'model')?.mib ?? 0;
    expect(figures).toEqual([
      {
        task: 'gradient',
        jobs: 2,
        peak_mib: 450.3,
        estimate_mib: Math.round(gradientEstimate),
        peak_over_estimate: Math.round((450.25 / gradientEstimate) * 1000) / 1000,
      },
      {
        task: 'model',
        jobs: 1,
        peak_mib: 120,
        estimate_mib: Math.round(modelEstimate),
        peak_over_estimate: Math.round((120 / modelEstimate) * 1000) / 1000,
      },
    ]);
  });

  it('has no estimate for a task the preflight does not estimate, nor without a time axis', () => {
    const figures = jobMemoryFigures(spec, [job('sparsify', 80, null), job('observe', 90, null)]);
    expect(figures.map((f) => [f.task, f.estimate_mib, f.peak_over_estimate])).toEqual([
      ['sparsify', null, null],
      ['observe', null, null],
    ]);
  });
});
