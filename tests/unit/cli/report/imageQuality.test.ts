import type { Float32Npy } from '@seisless/core';
import {
  correlationBelow,
  energyFractionAbove,
  firstReflectorRow,
  imageScorer,
  squaredSlownessDifference,
} from '../../../../scripts/report/imageQuality';

const NX = 20;
const NZ = 40;

/** A [NX, NZ] array from f(x, z). */
const grid = (f: (x: number, z: number) => number): Float32Npy => ({
  shape: [NX, NZ],
  data: Float32Array.from({ length: NX * NZ }, (_, i) => f(Math.floor(i / NZ), i % NZ)),
});

// Water (1.5 km/s) down to row 10, then 2.0 and 2.5 km/s; a background with the layers blended.
const model = grid((_, z) => (z < 10 ? 1.5 : z < 25 ? 2 : 2.5));
const background = grid((_, z) => (z < 10 ? 1.5 : 2 + (0.5 * (z - 10)) / 30));
const truth = { model, background, spacing: [10, 10], peakFrequencyHz: 20, acquisitionDepthM: 20 };

describe('image quality', () => {
  it('m_true − m0 is in squared slowness (s²/km²)', () => {
    const dm = squaredSlownessDifference(
      grid(() => 2),
      grid(() => 2.5),
    );

    expect(dm.data[0]).toBeCloseTo(1 / 4 - 1 / 6.25, 6);
  });

  it('finds the first row below a velocity jump of more than 2 %', () => {
    expect(firstReflectorRow(model)).toBe(10);
    expect(firstReflectorRow(grid((_, z) => 2 + 0.001 * z))).toBeNull();
  });

  it('correlates only the rows from the given one down', () => {
    const a = grid((x, z) => Math.sin(x + z));
    const junkAbove = grid((x, z) => (z < 5 ? 100 * Math.cos(3 * x) : 2 * Math.sin(x + z) + 1));

    expect(correlationBelow(a, junkAbove, 5)).toBeCloseTo(1, 6);
    expect(correlationBelow(a, junkAbove, 0)).toBeLessThan(0.5);
    expect(
      correlationBelow(
        a,
        grid((x, z) => -Math.sin(x + z)),
        5,
      ),
    ).toBeCloseTo(-1, 6);
    expect(
      correlationBelow(
        a,
        grid(() => 3),
        5,
      ),
    ).toBeNull();
  });

  it("measures the share of an image's energy above a row", () => {
    const image = grid((_, z) => (z < 4 ? 3 : 1));

    expect(energyFractionAbove(image, 4)).toBeCloseTo((4 * 9) / (4 * 9 + 36), 6);
    expect(
      energyFractionAbove(
        grid(() => 0),
        4,
      ),
    ).toBeNull();
  });

  it('scores the true perturbation 1 and an image with a surface imprint lower, with its imprint measured', () => {
    const scorer = imageScorer(truth);
    const dm = squaredSlownessDifference(model, background);
    // The reflectors at their true depths plus a strong imprint at the receivers' depth (rows 3-4).
    const imprinted = grid((x, z) => (dm.data[x * NZ + z] as number) + (z === 3 || z === 4 ? 0.5 : 0));

    const clean = scorer.score(dm);
    const dirty = scorer.score(imprinted);

    expect(scorer.settings).toMatchObject({
      evaluated_below_m: 20,
      first_reflector_m: 100,
      // λ = mean background velocity below 20 m / 20 Hz; the imprint limit 100 m − (1.5 km/s / 20 Hz) / 2.
      imprint_above_m: 70,
    });
    expect(scorer.settings.smoothing_fwhm_m).toBeCloseTo(scorer.settings.wavelength_m / 4, 0);
    expect(clean.correlation).toBeCloseTo(1, 6);
    expect(clean.energy_above_first_reflector).toBe(0);
    expect(dirty.correlation ?? 1).toBeLessThan(0.5);
    expect(dirty.energy_above_first_reflector ?? 0).toBeGreaterThan(0.9);
  });

  it('rates a reflector at the wrong depth below one at the right depth', () => {
    const scorer = imageScorer(truth);
    const dm = squaredSlownessDifference(model, background);
    const shifted = grid((x, z) => dm.data[x * NZ + Math.max(0, z - 4)] as number);

    expect(scorer.score(shifted).correlation ?? 1).toBeLessThan(scorer.score(dm).correlation ?? 0);
  });
});
