/** The task file a Batch job reads from `SEISLESS_TASK_KEY` (docs/contracts/jobs.md). */
export interface TaskFile {
  readonly version: 1;
  readonly runId: string;
  readonly iteration: number;
  readonly task: 'model' | 'observe' | 'gradient' | 'objective' | 'born-norm';
  readonly algorithm?: 'fwi' | 'lsrtm' | 'rtm';
  readonly shots: readonly number[];
  readonly grid: { shape: readonly number[]; spacing: readonly number[]; origin: readonly number[] };
  readonly acquisition: {
    sources: readonly (readonly number[])[];
    receivers: readonly (readonly number[])[];
    recordingTimeMs: number;
    peakFrequencyHz: number;
    samplingMs?: number;
  };
  readonly physics: {
    spaceOrder: number;
    nbl: number;
    imagingCondition: 'standard' | 'isic';
    checkpointing: boolean;
    /** FWI: the run-wide maximum velocity that fixes every job's time axis. */
    vpMaxKmS?: number;
  };
  readonly inputs?: { velocity?: string; image?: string; direction?: string; data?: string };
  readonly trial?: { step: number; direction: string };
  readonly outputs: {
    gradient?: string;
    scalar?: string;
    data?: string;
    model?: string;
    background?: string;
    timings: string;
  };
  readonly model?: {
    preset?: string;
    key?: string;
    shape: readonly number[];
    spacing: readonly number[];
    smoothingM?: number;
  };
  readonly reduction?: { chunkSize: number; batchSize: number };
}
