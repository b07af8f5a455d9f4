import type { RunSpec } from '../spec/runSpec';

/** The lowest and highest velocity of a model, km/s. */
export interface VelocityRange {
  readonly minKmS: number;
  readonly maxKmS: number;
}

type Preset = Extract<RunSpec['model'], { preset: string }>;

/**
 * The velocity range of a synthetic preset, from the constants of
 * docker/seisless_compute/models/presets.py (every preset's layers are present on a grid of at
 * least 8 points per axis, which the schema requires).
 */
export function presetVelocities(model: Preset): VelocityRange {
  switch (model.preset) {
    case 'layered':
      return { minKmS: 1.5, maxKmS: 3.5 };
    case 'camembert':
      return { minKmS: 2.5, maxKmS: 3.0 };
    case 'bp-salt':
      // Water on top; sediments from 1.6 km/s, kept below the salt's 4.5 km/s at any depth.
      return { minKmS: 1.5, maxKmS: 4.5 };
    case 'layered-tti':
      return { minKmS: 1.5, maxKmS: 3.5 };
    case 'overthrust':
      // Compacting layers from 2.2 km/s at the top to a 5.5 km/s basement (clipped to 2.0–5.5).
      return { minKmS: 2.0, maxKmS: 5.5 };
  }
}

/**
 * The largest Thomsen ε of a TTI preset (its horizontal velocity is vp √(1 + 2ε), which sets the
 * time step), from docker/seisless_compute/models/presets.py; 0 for the isotropic presets.
 */
export function presetEpsilonMax(model: Preset): number {
  switch (model.preset) {
    case 'layered-tti':
      return 0.25;
    case 'overthrust':
      return 0.3;
    default:
      return 0;
  }
}
