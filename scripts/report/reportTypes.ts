import type { IterationSummary, JobTimings, RunSpec, RunState } from '@seisless/core';
import type { CrashRecovery } from './crashRecoveries';
import type { ImageQualitySettings, ImageScores } from './imageQuality';
import type { JobMemoryFigures } from './jobMemoryFigures';
import type { TaskTimeFigures } from './jobTimeByTask';
import type { JobTimeFigures } from './jobTimeFigures';
import type { CostLedger, MeasuredUsage } from './ledgerTypes';

/** Everything the report's figures are computed from. */
export interface ReportInputs {
  readonly runId: string;
  readonly spec: RunSpec;
  readonly state: RunState;
  /** `iterations/{k}/summary.json` of every completed iteration (contract in @seisless/core). */
  readonly summaries: readonly IterationSummary[];
  /** Every job's `timings/*.json` (contract in @seisless/core). */
  readonly jobs: readonly JobTimings[];
  /** Run wall-clock span, epoch ms. */
  readonly startedAt: number;
  readonly finishedAt: number;
  /** vCPU slots the Batch stand-in runs jobs on at once, when known. */
  readonly slotVcpus: number | undefined;
  /** Lambda invocations by function name, when the cloud counts them. */
  readonly invocations: Readonly<Record<string, number>> | undefined;
  /** Per reducer crash, the time to its chunk's next merge (from the reducer's log), when known. */
  readonly crashRecoveries?: readonly CrashRecovery[];
  /** A synthetic run's image scores of x_k by k and how they were measured (runImageQuality). */
  readonly imageQuality?: {
    readonly settings: ImageQualitySettings;
    readonly scores: ReadonlyMap<number, ImageScores>;
  };
}

export interface IterationFigures {
  readonly k: number;
  readonly objective: number | null;
  /** √(objective / iteration 1's objective): the residual norm of x_{k−1} relative to the first. */
  readonly relative_misfit: number | null;
  /** Correlation of x_k with m_true − m0, both smoothed (synthetic runs; `image_quality` says how). */
  readonly image_correlation: number | null;
  /** Share of x_k's energy above the first reflector minus λ/2: the surface imprint (synthetic runs). */
  readonly image_energy_above_first_reflector: number | null;
  readonly step: number | null;
  readonly rule: string | null;
  /** Shots summed into the iteration's gradient. */
  readonly shots: number;
  /** First job start − submission (s): Batch queue time of the iteration. */
  readonly batch_queue_s: number | null;
  readonly job_wall_s: { readonly count: number; readonly mean: number | null; readonly max: number | null };
  readonly job_kernel_s_mean: number | null;
  /** reductionCompleteAt − lastGradientAt (s): how long the sum lagged behind the last gradient. */
  readonly reduction_tail_s: number | null;
  /** One accumulator update of one chunk (s): the median of the chunks' last updates. */
  readonly accumulator_update_s: number | null;
  /** reduction_tail_s / accumulator_update_s (target ≤ 1.5). */
  readonly reduction_tail_over_update: number | null;
  readonly update_s: number | null;
  readonly iteration_s: number | null;
  /** The iteration's jobs (every task) over submittedAt → updateFinishedAt. */
  readonly job_time: JobTimeFigures;
}

/** `report.json` without its cost ledger: what computeReport derives from the run's data. */
export interface RunFigures {
  readonly runId: string;
  readonly algorithm: string;
  readonly status: string;
  readonly iterations: number;
  readonly completed_iterations: number;
  readonly run_wall_s: number;
  readonly jobs: { readonly count: number; readonly wall_s_total: number; readonly kernel_s_total: number };
  readonly job_vcpus: number;
  readonly parallel_job_slots: number | null;
  /** Σ job wall time / (parallel job slots × run wall time). */
  readonly pipeline_efficiency: number | null;
  /**
   * Kernel time against the slots' time, the median job's wall/kernel and fixed cost, time with no
   * job running; `by_task`: per task, where its median job's time goes (phases and compute parts).
   */
  readonly job_time: JobTimeFigures & { readonly by_task: readonly TaskTimeFigures[] };
  readonly max_concurrent_jobs: number;
  /** Per task kind, the jobs' measured peak memory against the preflight's estimate. */
  readonly job_memory: readonly JobMemoryFigures[];
  /** Per-shot gradients the reducer summed (used and dropped shots of every iteration). */
  readonly gradients: number;
  readonly reducer_invocations: number | null;
  readonly reducer_invocations_per_gradient: number | null;
  readonly lambda_invocations: Readonly<Record<string, number>> | null;
  /** Per failed reducer delivery (a crash): its chunk and the time to the chunk's next merge. */
  readonly crash_recoveries: readonly CrashRecovery[] | null;
  /** How the images of a synthetic run were scored; null when there is no truth to score them against. */
  readonly image_quality: ImageQualitySettings | null;
  readonly per_iteration: readonly IterationFigures[];
  readonly objectives: readonly (number | null)[];
  /** What the user should know: the iterations' warnings (`iteration k: …`), then missing figures. */
  readonly notes: readonly string[];
  readonly error?: { readonly Error: string; readonly Cause: string };
}

/** `report.json`. */
export interface RunReport extends RunFigures {
  /** What the run would cost on AWS (scripts/report/costLedger.ts; docs/cli.md, section report). */
  readonly cost_ledger: CostLedger;
  /** What the cloud counted for the ledger during the run's session (kept for `seisless report`). */
  readonly measured_usage?: MeasuredUsage;
}
