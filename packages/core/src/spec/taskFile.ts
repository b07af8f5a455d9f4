import type { DataSection } from './dataSchema';

/** The task file a Batch job reads from `SEISLESS_TASK_KEY` (docs/contracts/jobs.md). */
export interface TaskFile {
  readonly version: 1;
  readonly runId: string;
  readonly iteration: number;
  readonly task: 'model' | 'observe' | 'gradient' | 'objective' | 'born-norm' | 'sparsify';
  readonly algorithm?: 'fwi' | 'lsrtm' | 'rtm';
  readonly shots: readonly number[];
  readonly grid: { shape: readonly number[]; spacing: readonly number[]; origin: readonly number[] };
  readonly acquisition: {
    sources: readonly (readonly number[])[];
    receivers: readonly (readonly number[])[];
    recordingTimeMs: number;
    peakFrequencyHz: number;
    samplingMs?: number;
    /** Per-shot aperture (m) and geometry: packages/core/src/spec/runSpec.ts `acquisitionSchema`. */
    apertureM?: number;
    receiversFollowSource?: boolean;
    geometryFromData?: boolean;
  };
  readonly physics: {
    spaceOrder: number;
    nbl: number;
    imagingCondition: 'standard' | 'isic';
    checkpointing: boolean;
    /** FWI: the run-wide maximum velocity that fixes every job's time axis. */
    vpMaxKmS?: number;
    /** The stored forward wavefield kept every k-th step, or 'auto' (absent: 1). */
    wavefieldSubsampling?: number | 'auto';
  };
  readonly inputs?: {
    velocity?: string;
    image?: string;
    direction?: string;
    data?: string;
    /** observe with Born modelling: the background velocity m0. */
    background?: string;
    /** RTM/LS-RTM of reflections: the background record F(m0), read or written by the job. */
    backgroundData?: string;
    /** sparsify: z_{k−1} and the previous iteration's sparsity record (absent at k = 1). */
    dual?: string;
    sparsity?: string;
  };
  readonly trial?: { step: number; direction: string };
  /** Applied alike to observed and modelled data (the run spec's `data`, without `migrate`). */
  readonly preprocessing?: Omit<DataSection, 'migrate'>;
  /** observe: full or Born modelling of the observed records. */
  readonly observed?: { modelling: 'full' | 'born' };
  readonly outputs: {
    gradient?: string;
    scalar?: string;
    data?: string;
    model?: string;
    background?: string;
    /** sparsify: z_k and this iteration's sparsity record. */
    dual?: string;
    sparsity?: string;
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
  /** Gradient jobs: the spec's `preconditioning`, applied to each shot's gradient. */
  readonly preconditioning?: {
    waterMute?: { depthM: number } | { fromModel: { velocityBelowMS: number } };
    depthScaling?: { power: number };
    illumination?: { epsilon: number };
  };
  /** Sparse LS-RTM's sparsify job: the spec's `algorithm.sparsity` and the accepted step. */
  readonly sparsity?: {
    transform: 'wavelet';
    wavelet: string;
    levels: number;
    quantile: number;
    scale: number;
    step: number;
  };
}
