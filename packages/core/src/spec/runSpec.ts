import { z } from 'zod';
// A batch is at most what an accumulator's manifest can describe (S3 user metadata, 2 KB).
import { MAX_BATCH_SIZE } from '../reduction/accumulator/manifest';
import { dataSchema } from './dataSchema';

const positive = z.number().positive();
const positiveInt = z.number().int().positive();

/** An array of 2 or 3 entries; every array-level issue states `form`. */
function axes<T extends z.ZodType>(entry: T, form: string) {
  return z.array(entry, { error: form }).min(2, { error: form }).max(3, { error: form });
}

// Error texts are the expected form only: describeSchemaIssues prefixes the path and the value.
const shape = axes(
  z.number({ error: 'an integer ≥ 8 (grid points along this axis)' }).int().min(8),
  'an array of 2 or 3 integers ≥ 8, e.g. [601, 301]',
);
const spacing = axes(positive, 'an array of 2 or 3 positive numbers in metres, e.g. [10, 10]');
const coordinate = axes(z.number(), 'an array of 2 or 3 coordinates in metres, e.g. [500, 20]');
const s3Key = z.string({ error: 'an S3 key without spaces' }).regex(/^[^\s]+$/, 'an S3 key without spaces');

/** The synthetic models (docker/seisless_compute/models/presets.py); the last two carry TTI parameters. */
export const MODEL_PRESETS = ['layered', 'camembert', 'bp-salt', 'layered-tti', 'overthrust'] as const;
/** Presets with ε, δ, θ (and in 3D φ) besides vp. */
export const TTI_PRESETS = ['layered-tti', 'overthrust'] as const;

/** A TTI parameter: one value everywhere, or an `.npy`/SEG-Y object (model-shaped) in the bucket. */
const anisotropyParameter = z.union([z.number(), s3Key], {
  error: 'a number or the S3 key of a model-shaped .npy or SEG-Y object',
});

/**
 * Thomsen's ε and δ (dimensionless) and the symmetry axis' tilt θ and azimuth φ (degrees) of a
 * TTI model read from the bucket; φ is 3D only (absent: 0).
 */
export const anisotropySchema = z.strictObject({
  epsilon: anisotropyParameter,
  delta: anisotropyParameter,
  theta: anisotropyParameter,
  phi: anisotropyParameter.optional(),
});

/** A synthetic velocity model preset or an `.npy`/SEG-Y object in the run's bucket. */
export const modelSchema = z.union(
  [
    z.strictObject({ preset: z.enum(MODEL_PRESETS), shape, spacing }),
    z.strictObject({ key: s3Key, shape, spacing, anisotropy: anisotropySchema.optional() }),
  ],
  {
    error: `one of {preset: ${MODEL_PRESETS.map((p) => `"${p}"`).join(' | ')}, shape, spacing} or {key, shape, spacing, anisotropy?}`,
  },
);

/** How LS-RTM/RTM get their smooth background model. */
export const backgroundSchema = z.union(
  [z.strictObject({ smoothingM: positive }), z.strictObject({ key: s3Key })],
  { error: 'one of {smoothingM} or {key}' },
);

const range = (example: string) =>
  z.tuple([z.number(), z.number()], { error: `[first, last] in metres, e.g. ${example}` });

/**
 * Points generated from counts and ranges: a line of `count` points from (xRangeM[0], yRangeM[0])
 * to (xRangeM[1], yRangeM[1]) (y in 3D only; absent ranges: the model's extent in x, its middle
 * in y), or in 3D an areal grid of `count: [nx, ny]` points over xRangeM × yRangeM (absent: the
 * model's extent), x varying fastest.
 */
const generatedPoints = z.strictObject({
  count: z.union([positiveInt, z.tuple([positiveInt, positiveInt])], {
    error: 'a positive integer (a line) or [nx, ny] (an areal grid, 3D)',
  }),
  depthM: z.number().nonnegative(),
  /** First and last x position in metres; defaults to the model's extent. */
  xRangeM: range('[0, 2000]').optional(),
  /** 3D: first and last y position in metres; defaults to the model's middle (a line) or extent (a grid). */
  yRangeM: range('[0, 1000]').optional(),
});

const points = z.union([generatedPoints, z.strictObject({ positions: z.array(coordinate).min(1) })], {
  error:
    'one of {count, depthM, xRangeM?, yRangeM?} (a line, or with count [nx, ny] an areal grid) or {positions: [[x, z], …]}',
});

export const acquisitionSchema = z.strictObject({
  sources: points,
  receivers: points,
  recordingTimeMs: positive,
  peakFrequencyHz: positive,
  samplingMs: positive.optional(),
  /** Each shot models only its source–receiver span plus this buffer, metres (absent: the whole model). */
  apertureM: z.number().nonnegative().optional(),
  /** Limited offset: each shot records only the receivers within this horizontal distance of its source, metres. */
  maxOffsetM: positive.optional(),
  /** Receivers' x positions are offsets from each shot's source (a towed streamer); absent: false. */
  receiversFollowSource: z.boolean().optional(),
  /** Each shot's source and receivers come from its record (SEG-Y headers or `.npy` sidecar); absent: false. */
  geometryFromData: z.boolean().optional(),
});

/** Observed data: modelled from the true model, or shot records already in the bucket. */
export const observedSchema = z.union(
  [
    // modelling 'born': J(m0)[m_true − m0], reflections only (the usual LS-RTM test data).
    z.strictObject({ synthetic: z.literal(true), modelling: z.enum(['full', 'born']).default('full') }),
    z.strictObject({ keyTemplate: s3Key.regex(/\{shot\}/, "a key template containing '{shot}'") }),
  ],
  { error: "one of {synthetic: true, modelling?: 'full' | 'born'} or {keyTemplate: '…{shot}…'}" },
);

export const stepSchema = z.discriminatedUnion(
  'rule',
  [
    z.strictObject({ rule: z.literal('fixed'), value: positive }),
    z.strictObject({ rule: z.literal('barzilai-borwein'), initial: positive }),
    z.strictObject({ rule: z.literal('exact') }),
    z.strictObject({
      rule: z.literal('armijo'),
      initial: positive,
      shrink: z.number().gt(0).lt(1).default(0.5),
      c1: z.number().gt(0).lt(1).default(1e-4),
      maxTrials: positiveInt.max(20).default(6),
    }),
  ],
  {
    error:
      'one of {rule: "fixed", value} or {rule: "barzilai-borwein", initial} or {rule: "exact"} or {rule: "armijo", initial, shrink?, c1?, maxTrials?}',
  },
);

/**
 * Sparse LS-RTM: a dual iterate z ← z + t·d and the image x = Cᵀ S_λ(C z), C an orthogonal
 * wavelet transform (PyWavelets, `levels` deep), λ = `scale` × the `quantile` of |C z| at the
 * first iteration, then held (docker/seisless_compute/tasks/sparsify.py).
 */
export const sparsitySchema = z.strictObject({
  transform: z.literal('wavelet').default('wavelet').describe('the sparsifying transform C'),
  wavelet: z
    .string()
    .regex(
      /^(haar|db([1-9]|[12][0-9]|3[0-8])|sym([2-9]|1[0-9]|20)|coif([1-9]|1[0-7]))$/,
      'an orthogonal PyWavelets wavelet: haar, db1–db38, sym2–sym20 or coif1–coif17',
    )
    .default('db4')
    .describe('a PyWavelets wavelet: haar, db1–db38, sym2–sym20, coif1–coif17'),
  levels: positiveInt.max(8).default(4).describe('decomposition levels, at most 8'),
  quantile: z.number().gt(0).lt(1).default(0.95).describe('λ is this quantile of |C z| at k = 1 …'),
  scale: positive.default(1).describe('… times this factor'),
});

export const algorithmSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('rtm') }),
    z.strictObject({
      kind: z.literal('lsrtm'),
      iterations: positiveInt.max(1000),
      batchSize: positiveInt.max(MAX_BATCH_SIZE),
      step: stepSchema,
      /** Sparsity-promoting LS-RTM by linearized Bregman (numerical-examples/specs/README.md). */
      sparsity: sparsitySchema.optional(),
    }),
    z.strictObject({
      kind: z.literal('fwi'),
      iterations: positiveInt.max(1000),
      batchSize: positiveInt.max(MAX_BATCH_SIZE),
      step: stepSchema,
      bounds: z.strictObject({ minKmS: positive, maxKmS: positive }),
    }),
  ],
  {
    error:
      'one of {kind: "rtm"} or {kind: "lsrtm", iterations, batchSize, step, sparsity?} or {kind: "fwi", iterations, batchSize, step, bounds}',
  },
);

export const computeSchema = z
  .strictObject({
    vcpus: positiveInt.default(1),
    memoryMiB: positiveInt.default(2048),
    threads: positiveInt.optional(),
    mpiRanks: positiveInt.default(1),
    spot: z.boolean().default(true),
    retries: z.number().int().min(1).max(10).default(3),
    timeoutS: z.number().int().min(60).default(3600),
    spaceOrder: z.number().int().min(2).max(16).multipleOf(2).default(8),
    nbl: z.number().int().min(10).default(40),
    imagingCondition: z.enum(['standard', 'isic']).default('standard'),
    checkpointing: z.boolean().default(false),
    /**
     * Keep the forward wavefield for the gradient every k-th time step (1: every step; 'auto': a
     * sampling rate of 12 × the peak frequency). Refused with checkpointing (nothing is stored).
     */
    wavefieldSubsampling: z
      .union([positiveInt, z.literal('auto')], { error: "an integer ≥ 1 or 'auto'" })
      .default(1),
  })
  .superRefine((compute, ctx) => {
    if (compute.checkpointing && compute.wavefieldSubsampling !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['wavefieldSubsampling'],
        input: compute.wavefieldSubsampling,
        message:
          '1 with checkpointing (Revolve recomputes the forward wavefield; nothing is stored to subsample)',
      });
    }
  });

/**
 * Diagonal preconditioners the gradient jobs apply to each shot's gradient; every part optional
 * (absent: not applied). Documented in numerical-examples/specs/README.md.
 */
export const preconditioningSchema = z.strictObject({
  waterMute: z
    .union(
      [
        z.strictObject({ depthM: z.number().nonnegative() }),
        z.strictObject({ fromModel: z.strictObject({ velocityBelowMS: positive }) }),
      ],
      { error: 'one of {depthM} or {fromModel: {velocityBelowMS}}' },
    )
    .optional()
    .describe(
      'zero above `depthM`, or in each column above its first point at least `velocityBelowMS` (m/s) fast',
    ),
  depthScaling: z
    .strictObject({ power: z.number().min(0).max(4).default(1).describe('0 to 4') })
    .optional()
    .describe('multiply by (z / z_max)^power'),
  illumination: z
    .strictObject({ epsilon: z.number().gt(0).max(1).default(0.01).describe('ε, in (0, 1]') })
    .optional()
    .describe("multiply by ε max I / (I + ε max I), I the shot's source wavefield energy Σ_t u²"),
});

export const reductionSchema = z.strictObject({
  // At most 262144 floats (1 MiB): the reducer's 1 s timeout is sized to one update of this size
  // (REDUCER_QUEUE, services/gradient-reducer/README.md).
  chunkSize: positiveInt.min(1024).max(262144).default(262144),
  /** Fraction of an iteration's shots that may fail permanently before the run stops. */
  failureTolerance: z.number().min(0).max(0.5).default(0),
});

/** The run spec: everything that defines one imaging run. */
export const runSpecSchema = z.strictObject({
  runId: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40 characters')
    .optional(),
  description: z.string().max(500).optional(),
  /** The wave equation: isotropic acoustic, or pseudo-acoustic TTI (ε, δ, θ, φ from the model). */
  physics: z.enum(['acoustic', 'tti']).default('acoustic'),
  model: modelSchema,
  background: backgroundSchema.optional(),
  acquisition: acquisitionSchema,
  observed: observedSchema.default({ synthetic: true, modelling: 'full' }),
  data: dataSchema.default(dataSchema.parse({})),
  algorithm: algorithmSchema,
  seed: z.number().int().nonnegative().default(1),
  compute: computeSchema.default(computeSchema.parse({})),
  reduction: reductionSchema.default(reductionSchema.parse({})),
  preconditioning: preconditioningSchema.optional(),
});

/** A run spec as a user writes it (defaults not yet applied). */
export type RunSpecInput = z.input<typeof runSpecSchema>;
/** A validated run spec with every default applied. */
export type RunSpec = z.output<typeof runSpecSchema>;
