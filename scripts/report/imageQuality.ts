import type { Float32Npy } from '@seisless/core';
import { gaussianSmooth } from './gaussianSmooth';

/** FWHM of a Gaussian = σ · 2√(2 ln 2). */
const FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));
/** A row is the first reflector where some column's velocity jumps by more than this fraction. */
const REFLECTOR_JUMP = 0.02;

/** How a synthetic run's images are compared with the truth (report.json `image_quality`). */
export interface ImageQualitySettings {
  /** Dominant wavelength: mean background velocity over the evaluated rows / peak frequency. */
  readonly wavelength_m: number;
  /** Both the image and the true perturbation are smoothed by a Gaussian of this FWHM (λ/4). */
  readonly smoothing_fwhm_m: number;
  /** The correlation counts the rows deeper than this: the deepest source or receiver. */
  readonly evaluated_below_m: number;
  /** Depth of the first row below a velocity jump of > 2 %, null when the model has none. */
  readonly first_reflector_m: number | null;
  /** The imprint measure's limit: the first reflector minus half the wavelength above it. */
  readonly imprint_above_m: number | null;
}

/** One image's quality: its correlation with the truth and the share of its energy above the first reflector. */
export interface ImageScores {
  /** Pearson correlation of the smoothed image with the smoothed m_true − m0 below the sources and receivers. */
  readonly correlation: number | null;
  /** Σ image² above `imprint_above_m` / Σ image² (the surface imprint; unsmoothed image, every row). */
  readonly energy_above_first_reflector: number | null;
}

/** The truth and the geometry an image is scored against. */
export interface ImageQualityTruth {
  /** True velocity (km/s), Devito axes `[x, (y,) z]`. */
  readonly model: Float32Npy;
  /** Background velocity m0 is built from (km/s). */
  readonly background: Float32Npy;
  readonly spacing: readonly number[];
  readonly peakFrequencyHz: number;
  /** Deepest source or receiver (m). */
  readonly acquisitionDepthM: number;
}

/** Squared slowness 1/v² (s²/km²) minus the background's. */
export function squaredSlownessDifference(velocity: Float32Npy, background: Float32Npy): Float32Npy {
  const data = velocity.data.map((v, i) => 1 / (v * v) - 1 / (background.data[i] as number) ** 2);
  return { shape: velocity.shape, data };
}

const rowsOf = (shape: readonly number[]) => shape[shape.length - 1] ?? 1;

/** The shallowest row whose velocity differs from the row above by more than 2 % in some column. */
export function firstReflectorRow(model: Float32Npy): number | null {
  const nz = rowsOf(model.shape);
  let first: number | null = null;
  for (let i = 0; i < model.data.length; i += 1) {
    const z = i % nz;
    if (z === 0 || (first !== null && z >= first)) continue;
    const above = model.data[i - 1] as number;
    if (Math.abs((model.data[i] as number) - above) > REFLECTOR_JUMP * Math.abs(above)) first = z;
  }
  return first;
}

/** Mean of the entries whose row lies in [fromRow, toRow). */
function meanOverRows(array: Float32Npy, fromRow: number, toRow: number): number {
  const nz = rowsOf(array.shape);
  let sum = 0;
  let count = 0;
  array.data.forEach((value, i) => {
    const z = i % nz;
    if (z >= fromRow && z < toRow) {
      sum += value;
      count += 1;
    }
  });
  return count === 0 ? Number.NaN : sum / count;
}

/** Pearson correlation of two same-shaped arrays over the rows ≥ fromRow; null when either is constant there. */
export function correlationBelow(a: Float32Npy, b: Float32Npy, fromRow: number): number | null {
  const meanA = meanOverRows(a, fromRow, Number.POSITIVE_INFINITY);
  const meanB = meanOverRows(b, fromRow, Number.POSITIVE_INFINITY);
  const nz = rowsOf(a.shape);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.data.length; i += 1) {
    if (i % nz < fromRow) continue;
    const da = (a.data[i] as number) - meanA;
    const db = (b.data[i] as number) - meanB;
    ab += da * db;
    aa += da * da;
    bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : null;
}

/** Σ x² over the rows < row, divided by Σ x² over every row; null for an all-zero image. */
export function energyFractionAbove(image: Float32Npy, row: number): number | null {
  const nz = rowsOf(image.shape);
  let above = 0;
  let total = 0;
  image.data.forEach((value, i) => {
    total += value * value;
    if (i % nz < row) above += value * value;
  });
  return total > 0 ? above / total : null;
}

/** The scorer of a synthetic run's images: its settings, the smoothed truth, and a score function. */
export interface ImageScorer {
  readonly settings: ImageQualitySettings;
  /** m_true − m0 smoothed to the data's resolution (the figure shown next to the images). */
  readonly truth: Float32Npy;
  score(image: Float32Npy): ImageScores;
}

/**
 * Builds the scorer of a synthetic run: the dominant wavelength from the background, a Gaussian
 * of FWHM λ/4 (the vertical resolution of a reflection), the rows below the acquisition and the
 * first reflector's depth. Arrays hold the model's grid only: Devito's absorbing layer is
 * padded outside it, so nothing here lies in the absorbing layer.
 */
export function imageScorer(truth: ImageQualityTruth): ImageScorer {
  const { model, background, spacing } = truth;
  const dz = spacing[spacing.length - 1] ?? 1;
  const nz = rowsOf(model.shape);
  const fromRow = Math.min(nz - 1, Math.floor(truth.acquisitionDepthM / dz) + 1);
  const wavelengthM = (1000 * meanOverRows(background, fromRow, nz)) / truth.peakFrequencyHz;
  const fwhmM = wavelengthM / 4;
  const sigmaCells = spacing.map((d) => fwhmM / FWHM_PER_SIGMA / d);
  const smoothTruth = gaussianSmooth(squaredSlownessDifference(model, background), sigmaCells);
  const reflector = firstReflectorRow(model);
  const imprintRow =
    reflector === null
      ? null
      : Math.max(
          0,
          Math.ceil(reflector - (1000 * meanOverRows(model, 0, reflector)) / truth.peakFrequencyHz / 2 / dz),
        );
  const metres = (value: number) => Number(value.toFixed(1));
  return {
    settings: {
      wavelength_m: metres(wavelengthM),
      smoothing_fwhm_m: metres(fwhmM),
      evaluated_below_m: truth.acquisitionDepthM,
      first_reflector_m: reflector === null ? null : reflector * dz,
      imprint_above_m: imprintRow === null ? null : imprintRow * dz,
    },
    truth: smoothTruth,
    score: (image) => ({
      correlation: correlationBelow(gaussianSmooth(image, sigmaCells), smoothTruth, fromRow),
      energy_above_first_reflector: imprintRow === null ? null : energyFractionAbove(image, imprintRow),
    }),
  };
}
