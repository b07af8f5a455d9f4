import type { Float32Npy } from '@seisless/core';
import { exampleSpec, runWorkflow } from './runWorkflow';

/** Rows (z indices) where the true velocity changes down the middle of the model. */
function interfaces(model: Float32Npy): number[] {
  const [nx = 0, nz = 0] = model.shape;
  const column = (z: number) => model.data[Math.floor(nx / 2) * nz + z] ?? 0;
  const found: number[] = [];
  for (let z = 1; z < nz; z += 1) if (Math.abs(column(z) - column(z - 1)) > 1e-3) found.push(z);
  return found;
}

/** Σ_x |image(x, z)| per depth row z. */
function depthProfile(image: Float32Npy): number[] {
  const [nx = 0, nz = 0] = image.shape;
  const profile = new Array<number>(nz).fill(0);
  for (let x = 0; x < nx; x += 1)
    for (let z = 0; z < nz; z += 1) profile[z] = (profile[z] ?? 0) + Math.abs(image.data[x * nz + z] ?? 0);
  return profile;
}

/** Indices of the `count` strongest local maxima of a profile, ignoring rows above `fromRow`. */
function strongestPeaks(profile: readonly number[], count: number, fromRow: number): number[] {
  const at = (z: number) => profile[z] ?? 0;
  const peaks: number[] = [];
  for (let z = fromRow; z < profile.length - 1; z += 1)
    if (at(z) >= at(z - 1) && at(z) >= at(z + 1)) peaks.push(z);
  return peaks.sort((a, b) => at(b) - at(a)).slice(0, count);
}

describe('RTM of a layered model, end to end on the local cloud with Devito', () => {
  it('images the interfaces within 2 grid points of where they are', async () => {
    const outcome = await runWorkflow(exampleSpec('rtm-layered'), 'it-rtm-layered');

    expect(outcome.exitCode).toBe(0);
    expect(outcome.result.status).toBe('SUCCEEDED');
    const truth = interfaces(outcome.array('model'));
    expect(truth.length).toBeGreaterThanOrEqual(3);
    // Drop the direct wave and the near-surface rows: everything above half-way to the first interface.
    const muteRows = Math.floor((truth[0] ?? 0) / 2) + 1;
    const peaks = strongestPeaks(
      depthProfile(outcome.array('iterate-1')),
      Math.min(3, truth.length),
      muteRows,
    );
    for (const peak of peaks) {
      const nearest = Math.min(...truth.map((z) => Math.abs(z - peak)));
      expect({ peak, nearest }).toEqual({ peak, nearest: expect.any(Number) });
      expect(nearest).toBeLessThanOrEqual(2);
    }
    expect(outcome.report.per_iteration).toHaveLength(1);
  });
});
