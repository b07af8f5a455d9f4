import { z } from 'zod';
import { computeTasks } from '../jobs/jobFailure';
import { chunkCount } from '../npy/chunks';
import { MAX_BATCH_SIZE } from '../reduction/accumulator/manifest';
import { dataSchema } from './dataSchema';
import { anisotropySchema, MODEL_PRESETS, preconditioningSchema, sparsitySchema } from './runSpec';

const count = z.number().int().nonnegative();
const positive = z.number().positive();
const positiveInt = z.number().int().positive();
const axes = <T extends z.ZodType>(entry: T) => z.array(entry).min(2).max(3);
const point = axes(z.number());
const key = z.string().regex(/^[^\s]+$/, 'an S3 key without spaces');

const gridSchema = z.strictObject({
  shape: axes(z.number().int().min(3)).describe('points per axis, [nx, nz] or [nx, ny, nz]'),
  spacing: axes(positive).describe('metres'),
  origin: axes(z.number()).optional().describe('metres (absent: zeros)'),
});

const acquisitionSchema = z.strictObject({
  sources: z.array(point).min(1).describe('one coordinate per shot id (indexed by shot id), metres'),
  receivers: z
    .array(point)
    .min(1)
    .describe('shared by every shot (offsets from the source with `receiversFollowSource`)'),
  recordingTimeMs: positive.describe('the record length, ms'),
  peakFrequencyHz: positive.describe("the Ricker wavelet's peak frequency, Hz"),
  samplingMs: positive.optional().describe('the sampling of the records `observe` writes'),
  apertureM: z.number().nonnegative().optional().describe('each shot models only its span plus this buffer'),
  maxOffsetM: positive
    .optional()
    .describe('limited offset: each shot keeps the receivers within this horizontal distance of its source'),
  receiversFollowSource: z.boolean().optional().describe('`receivers` are offsets from each source'),
  geometryFromData: z.boolean().optional().describe("each shot's positions come from its record"),
});

const physicsSchema = z.strictObject({
  kind: z
    .enum(['acoustic', 'tti'])
    .optional()
    .describe('the wave equation (absent: acoustic); `tti` reads `inputs` epsilon, delta, theta (and phi)'),
  spaceOrder: z.number().int().min(2).max(16).multipleOf(2).describe('the stencil order: even, at most 16'),
  nbl: count.describe('absorbing layer, points'),
  imagingCondition: z
    .enum(['standard', 'isic'])
    .describe('`isic`: the inverse-scattering imaging condition (lsrtm, rtm)'),
  checkpointing: z
    .boolean()
    .describe('gradient: recompute the forward wavefield (Revolve) instead of storing it'),
  vpMaxKmS: positive.optional().describe("FWI: the run-wide max velocity fixing every job's time axis"),
  wavefieldSubsampling: z
    .union([positiveInt, z.literal('auto')])
    .optional()
    .describe('gradient: keep the forward wavefield every k-th step (absent: 1)'),
});

const inputsSchema = z.strictObject({
  velocity: key.optional().describe('FWI: the current model; LS-RTM/RTM: the background'),
  image: key.optional().describe('LS-RTM: the current image dm (absent: zeros)'),
  direction: key.optional().describe('born-norm: g in ‖J g‖²; sparsify: the search direction'),
  data: key.optional().describe('observed records'),
  background: key.optional().describe('observe with Born modelling: m0'),
  backgroundData: key
    .optional()
    .describe('RTM/LS-RTM of reflections: F(m0) per shot, read or written by the job'),
  dual: key.optional().describe('sparsify: z_{k−1} (from k = 2)'),
  sparsity: key.optional().describe("sparsify: the previous iteration's sparsity record (from k = 2)"),
  epsilon: key.optional().describe("TTI: Thomsen's ε, model-shaped"),
  delta: key.optional().describe("TTI: Thomsen's δ, model-shaped"),
  theta: key.optional().describe("TTI: the symmetry axis' tilt from vertical, degrees"),
  phi: key.optional().describe("TTI, 3D: the symmetry axis' azimuth from x, degrees (absent: 0)"),
});

const outputsSchema = z.strictObject({
  gradient: key.optional().describe('gradient: the shot gradient'),
  scalar: key.optional().describe('objective, born-norm: the trial scalar'),
  data: key.optional().describe('observe: the shot record (sidecar JSON beside it)'),
  model: key.optional().describe('model: the true model; sparsify: the iterate x_k'),
  background: key.optional().describe('model: the smoothed model'),
  dual: key.optional().describe('sparsify: z_k'),
  sparsity: key.optional().describe("sparsify: this iteration's sparsity record"),
  epsilon: key.optional().describe('model, TTI: ε (float32 `.npy`)'),
  delta: key.optional().describe('model, TTI: δ'),
  theta: key.optional().describe('model, TTI: θ, degrees'),
  phi: key.optional().describe('model, TTI in 3D: φ, degrees'),
  backgroundEpsilon: key
    .optional()
    .describe(
      'model, TTI: ε smoothed as the background velocity is (what migration and inversion model with)',
    ),
  backgroundDelta: key.optional().describe('model, TTI: δ smoothed likewise'),
  backgroundTheta: key
    .optional()
    .describe('model, TTI: θ smoothed likewise (through the symmetry axis), degrees'),
  backgroundPhi: key.optional().describe('model, TTI in 3D: φ smoothed likewise, degrees'),
  timings: key.describe('every task, written last: the job timings'),
});

const modelSchema = z.strictObject({
  preset: z.enum(MODEL_PRESETS).optional().describe('a synthetic model (or `key`)'),
  key: key.optional().describe('an `.npy` or SEG-Y (`.segy`/`.sgy`) velocity model (or `preset`)'),
  anisotropy: anisotropySchema
    .optional()
    .describe('with `key`, TTI: each parameter a number or an object key (angles in degrees)'),
  shape: axes(z.number().int().min(3)).describe('points per axis'),
  spacing: axes(positive).describe('metres'),
  smoothingM: positive.optional().describe('the background smoothing, metres'),
});

/**
 * The task file a Batch job reads from `SEISLESS_TASK_KEY` (docs/contracts/jobs.md): written by
 * the submitter for every job it submits, parsed by the compute task
 * (`docker/seisless_compute/io/taskfile.py`, checked against this schema by
 * tests/compute/test_contracts.py) and read by the gradient's assembly (`shots`).
 *
 * @example
 * const task = await readContract(store, runKeys('demo').task(3, 'gradient'), taskFileSchema);
 * task.shots; // [4, 9, 17]
 */
export const taskFileSchema = z
  .strictObject({
    version: z.literal(1).describe('the format; a job refuses any other'),
    runId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, "letters, digits, '-', '_' or '.', at most 64")
      .describe('the run id'),
    iteration: count.describe('k (0 for the model and observe tasks)'),
    task: z.enum(computeTasks).describe('the command-line task, which it must equal'),
    algorithm: z.enum(['fwi', 'lsrtm', 'rtm']).optional().describe('gradient, objective, born-norm'),
    shots: z.array(count).describe('array index i → shot id `shots[i]` (empty for model and sparsify)'),
    grid: gridSchema.describe("the model's grid (every task)"),
    acquisition: acquisitionSchema.describe('sources and receivers (every task; used by the per-shot ones)'),
    physics: physicsSchema.describe("the discretisation, from the spec's `compute`"),
    inputs: inputsSchema.optional().describe("S3 keys the task reads; `{shot}` stands for the job's shot id"),
    trial: z
      .strictObject({
        step: z.number().describe('the trial step'),
        direction: key.describe('the search direction `.npy`'),
        bounds: z
          .tuple([positive, positive])
          .optional()
          .describe('FWI: [minKmS, maxKmS], the trial velocity clipped to them'),
      })
      .optional()
      .describe('objective: evaluate at the current point + step × direction'),
    preprocessing: dataSchema
      .omit({ migrate: true })
      .optional()
      .describe('gradient, objective, born-norm: applied alike to observed and modelled records'),
    observed: z
      .strictObject({ modelling: z.enum(['full', 'born']) })
      .optional()
      .describe('observe: Born records of m_true − m0 with `born`'),
    outputs: outputsSchema.describe("S3 keys the task writes; `{shot}` stands for the job's shot id"),
    model: modelSchema.optional().describe('model task only'),
    reduction: z
      .strictObject({
        chunkSize: positiveInt.describe('S, elements per chunk'),
        batchSize: positiveInt.max(MAX_BATCH_SIZE).describe('B, the number of shots of the iteration'),
        shotChunks: z
          .array(z.tuple([count, positiveInt]).refine(([first, end]) => first < end, 'first below end'))
          .optional()
          .describe(
            "per batch position, the chunks [first, end) its aperture window touches: the shot's messages (absent: every chunk)",
          ),
      })
      .refine((r) => r.shotChunks === undefined || r.shotChunks.length === r.batchSize, {
        message: 'one [first, end] per batch position (batchSize entries)',
        path: ['shotChunks'],
      })
      .optional()
      .describe('gradient only'),
    preconditioning: preconditioningSchema
      .optional()
      .describe("gradient only: the spec's `preconditioning`, applied to each shot's gradient"),
    sparsity: sparsitySchema
      .extend({ step: z.number().describe('the accepted step t of z ← z + t·d') })
      .optional()
      .describe("sparsify only: the spec's `algorithm.sparsity` and the accepted step"),
  })
  .superRefine((task, ctx) => {
    const ranges = task.reduction?.shotChunks;
    if (ranges === undefined) return;
    const count = chunkCount(task.grid.shape, task.reduction?.chunkSize ?? 1);
    ranges.forEach(([, end], i) => {
      if (end > count)
        ctx.addIssue({
          code: 'custom',
          path: ['reduction', 'shotChunks', i],
          input: ranges[i],
          message: `a range ending at most at the chunk count ${count}`,
        });
    });
  })
  .meta({ id: 'TaskFile' });

/** A task file as the submitter writes it and the jobs read it. */
export type TaskFile = z.output<typeof taskFileSchema>;
