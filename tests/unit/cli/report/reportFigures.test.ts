import { type IterationSummary, type JobTimings, validateRunSpec } from '@seisless/core';
import {
  computeReport,
  iterationFigures,
  maxConcurrentJobs,
  parallelJobSlots,
  pipelineEfficiency,
  reducerInvocations,
  relativeMisfit,
} from '../../../../scripts/report/reportFigures';
import type { ReportInputs } from '../../../../scripts/report/reportTypes';
import { jobTimings } from '../../../support/jobTimings';

const T0 = 1_700_000_000_000;

const summary = (k: number, at: number, objective: number): IterationSummary => ({
  k,
  shots: [0, 1],
  usedShots: [0, 1],
  droppedShots: [],
  rescale: 1,
  objective,
  warnings: [],
  step: 0.5,
  rule: 'fixed',
  timings: {
    submittedAt: at,
    firstJobStartedAt: at + 2_000,
    lastJobStoppedAt: at + 12_000,
    jobWallSeconds: [9, 10],
    lastGradientAt: at + 12_500,
    reductionCompleteAt: at + 14_000,
    accumulatorUpdateMs: 1_000,
    updateStartedAt: at + 15_000,
    updateFinishedAt: at + 15_500,
  },
});

const job = (iteration: number, startS: number, totalS: number, shot: number): JobTimings =>
  jobTimings({
    iteration,
    shot,
    total_s: totalS,
    kernel_s: totalS - 1,
    started_at: startS,
    finished_at: startS + totalS,
  });

describe('report figures', () => {
  it('slots = vCPU slots ÷ job vCPUs, at least one; unknown stays unknown', () => {
    expect(parallelJobSlots(2, 1)).toBe(2);
    expect(parallelJobSlots(8, 3)).toBe(2);
    expect(parallelJobSlots(2, 4)).toBe(1);
    expect(parallelJobSlots(undefined, 1)).toBeNull();
  });

  it('pipeline efficiency = Σ job wall / (slots × run wall)', () => {
    expect(pipelineEfficiency([10, 10, 20], 2, 40)).toBeCloseTo(0.5);
    expect(pipelineEfficiency([10], null, 40)).toBeNull();
    expect(pipelineEfficiency([10], 2, 0)).toBeNull();
  });

  it('counts the most jobs running at once (back-to-back jobs do not overlap)', () => {
    expect(maxConcurrentJobs([job(1, 0, 10, 0), job(1, 5, 10, 1), job(1, 10, 5, 2), job(1, 15, 1, 3)])).toBe(
      2,
    );
    expect(maxConcurrentJobs([])).toBe(0);
  });

  it('reducer invocations are those of the SQS-triggered reduce function only', () => {
    const counts = {
      'seisless-gradient-reducer-local-reduce': 7,
      'seisless-gradient-reducer-local-status': 30,
      'seisless-gradient-reducer-local-deadLetters': 1,
      'seisless-iterator-local-update': 3,
    };
    expect(reducerInvocations(counts)).toBe(7);
    expect(reducerInvocations({ 'seisless-iterator-local-update': 3 })).toBeNull();
    expect(reducerInvocations(undefined)).toBeNull();
  });

  it('reduction tail = reductionCompleteAt − lastGradientAt; queue = first start − submit; update span', () => {
    const figures = iterationFigures(summary(1, T0, 5), []);
    expect(figures).toMatchObject({
      k: 1,
      objective: 5,
      shots: 2,
      batch_queue_s: 2,
      reduction_tail_s: 1.5,
      accumulator_update_s: 1,
      reduction_tail_over_update: 1.5,
      update_s: 0.5,
      iteration_s: 15.5,
      job_wall_s: { count: 2, mean: 9.5, max: 10 },
    });
  });

  it('leaves figures null when a timestamp is missing', () => {
    const full = summary(2, T0, 1);
    const partial: IterationSummary = {
      ...full,
      objective: null,
      timings: {
        ...full.timings,
        submittedAt: null,
        firstJobStartedAt: null,
        reductionCompleteAt: null,
        accumulatorUpdateMs: null,
      },
    };
    expect(iterationFigures(partial, [])).toMatchObject({
      reduction_tail_s: null,
      reduction_tail_over_update: null,
      batch_queue_s: null,
    });
  });

  it('puts the run together: efficiency over all jobs, reducer invocations per gradient', () => {
    const spec = validateRunSpec({
      model: { preset: 'layered', shape: [21, 11], spacing: [10, 10] },
      acquisition: {
        sources: { count: 2, depthM: 20 },
        receivers: { count: 21, depthM: 20 },
        recordingTimeMs: 300,
        peakFrequencyHz: 15,
      },
      algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'fixed', value: 1 } },
    });
    const inputs: ReportInputs = {
      runId: 'demo',
      spec,
      state: {
        runId: 'demo',
        status: 'SUCCEEDED',
        algorithm: 'lsrtm',
        iterations: 2,
        completedIterations: 2,
        objectives: [5, 2],
        warnings: [],
        createdAt: new Date(T0).toISOString(),
        updatedAt: new Date(T0).toISOString(),
      },
      summaries: [summary(1, T0, 5), summary(2, T0 + 20_000, 2)],
      jobs: [
        job(1, T0 / 1000, 10, 0),
        job(1, T0 / 1000, 10, 1),
        job(2, T0 / 1000 + 20, 10, 0),
        job(2, T0 / 1000 + 20, 10, 1),
      ],
      startedAt: T0,
      finishedAt: T0 + 40_000,
      slotVcpus: 2,
      invocations: { 'seisless-gradient-reducer-local-reduce': 6 },
    };
    const report = computeReport(inputs);
    expect(report.pipeline_efficiency).toBeCloseTo(40 / (2 * 40));
    expect(report.parallel_job_slots).toBe(2);
    expect(report.max_concurrent_jobs).toBe(2);
    expect(report.reducer_invocations_per_gradient).toBe(1.5);
    expect(report.per_iteration.map((i) => i.objective)).toEqual([5, 2]);
    expect(report.per_iteration[1]?.job_kernel_s_mean).toBe(9);
    // 36 s of kernels on 2 slots over 40 s; the jobs ran during [0, 10] and [20, 30] only.
    expect(report.job_time).toMatchObject({
      kernel_efficiency: 0.45,
      median_wall_over_kernel: 1.111,
      median_fixed_cost_s: null,
      no_job_running_s: 20,
    });
    expect(report.job_time.by_task.map((t) => [t.task, t.jobs])).toEqual([['gradient', 4]]);
    expect(report.gradients).toBe(4);
    expect(report.notes).toEqual([]);
    expect(report.image_quality).toBeNull();
    expect(report.per_iteration.map((i) => i.image_correlation)).toEqual([null, null]);
  });

  it('relative misfit = √(f_k / f_1); image scores join their iteration', () => {
    expect(relativeMisfit(2, 8)).toBeCloseTo(0.5);
    expect(relativeMisfit(null, 8)).toBeNull();
    expect(relativeMisfit(2, 0)).toBeNull();
    const spec = validateRunSpec({
      model: { preset: 'layered', shape: [21, 11], spacing: [10, 10] },
      acquisition: {
        sources: { count: 2, depthM: 20 },
        receivers: { count: 21, depthM: 20 },
        recordingTimeMs: 300,
        peakFrequencyHz: 15,
      },
      algorithm: { kind: 'lsrtm', iterations: 2, batchSize: 2, step: { rule: 'exact' } },
    });
    const settings = {
      wavelength_m: 150,
      smoothing_fwhm_m: 37.5,
      evaluated_below_m: 20,
      first_reflector_m: 60,
      imprint_above_m: 30,
    };

    const report = computeReport({
      runId: 'demo',
      spec,
      state: {
        runId: 'demo',
        status: 'SUCCEEDED',
        algorithm: 'lsrtm',
        iterations: 2,
        completedIterations: 2,
        objectives: [8, 2],
        warnings: [],
        createdAt: new Date(T0).toISOString(),
        updatedAt: new Date(T0).toISOString(),
      },
      summaries: [summary(1, T0, 8), summary(2, T0 + 20_000, 2)],
      jobs: [],
      startedAt: T0,
      finishedAt: T0 + 40_000,
      slotVcpus: 2,
      invocations: undefined,
      imageQuality: {
        settings,
        scores: new Map([[2, { correlation: 0.71234, energy_above_first_reflector: 0.05 }]]),
      },
    });

    expect(report.image_quality).toEqual(settings);
    expect(report.per_iteration.map((i) => i.relative_misfit)).toEqual([1, 0.5]);
    expect(report.per_iteration.map((i) => i.image_correlation)).toEqual([null, 0.7123]);
    expect(report.per_iteration[1]?.image_energy_above_first_reflector).toBe(0.05);
  });

  it("puts the run's warnings first among the notes, once each, and counts dropped shots' gradients as reduced", () => {
    // Arrange: iteration 1 dropped shot 1 (it reached some chunks only)
    const dropped: IterationSummary = {
      ...summary(1, T0, 5),
      usedShots: [0],
      droppedShots: [1],
      rescale: 2,
      warnings: ['shots [1] were only in some chunks and were subtracted back out'],
    };
    const spec = validateRunSpec({
      model: { preset: 'layered', shape: [21, 11], spacing: [10, 10] },
      acquisition: {
        sources: { count: 2, depthM: 20 },
        receivers: { count: 21, depthM: 20 },
        recordingTimeMs: 300,
        peakFrequencyHz: 15,
      },
      algorithm: { kind: 'lsrtm', iterations: 1, batchSize: 2, step: { rule: 'fixed', value: 1 } },
    });

    // Act
    const report = computeReport({
      runId: 'demo',
      spec,
      state: {
        runId: 'demo',
        status: 'SUCCEEDED',
        algorithm: 'lsrtm',
        iterations: 1,
        completedIterations: 1,
        objectives: [5],
        // The pre-submission checks' warning, and iteration 1's as the Update also keeps it in the state.
        warnings: [
          'spec: 4.2 points per wavelength at 15 Hz; 6 are recommended',
          'iteration 1: shots [1] were only in some chunks and were subtracted back out',
        ],
        createdAt: new Date(T0).toISOString(),
        updatedAt: new Date(T0).toISOString(),
      },
      summaries: [dropped],
      jobs: [],
      startedAt: T0,
      finishedAt: T0 + 20_000,
      slotVcpus: undefined,
      invocations: undefined,
    });

    // Assert
    expect(report.per_iteration[0]?.shots).toBe(1);
    expect(report.gradients).toBe(2);
    expect(report.notes.slice(0, 3)).toEqual([
      'spec: 4.2 points per wavelength at 15 Hz; 6 are recommended',
      'iteration 1: shots [1] were only in some chunks and were subtracted back out',
      'pipeline_efficiency: the number of parallel job slots is unknown for this cloud',
    ]);
  });
});
