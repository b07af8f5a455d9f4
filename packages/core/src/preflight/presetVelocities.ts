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
    case 'bp-salt': {
      // Water on top; sediments 1.75 km/s + 0.6 /s below the sea floor ± 0.15; salt 4.5 km/s.
      const nz = model.shape[model.shape.length - 1] ?? 1;
      const hz = model.spacing[model.spacing.length - 1] ?? 1;
      const belowSeaFloorM = (nz - 1) * hz - Math.round(0.12 * (nz - 1)) * hz;
      return { minKmS: 1.5, maxKmS: Math.max(4.5, 1.75 + 0.6e-3 * belowSeaFloorM + 0.15) };
    }
  }
}
