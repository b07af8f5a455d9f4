import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Float32Npy } from '@seisless/core';
import { exampleSpec, runWorkflow, type WorkflowOutcome } from './runWorkflow';

/** Depth rows where the true velocity changes down the model's central column. */
function interfaces(model: Float32Npy): number[] {
  const [nx = 0, ny = 0, nz = 0] = model.shape;
  const column = (z: number) => model.data[(Math.floor(nx / 2) * ny + Math.floor(ny / 2)) * nz + z] ?? 0;
  const found: number[] = [];
  for (let z = 1; z < nz; z += 1) if (Math.abs(column(z) - column(z - 1)) > 1e-3) found.push(z);
  return found;
}

/** Σ_{x,y} |image(x, y, z)| per depth row z. */
function depthProfile(image: Float32Npy): number[] {
  const nz = image.shape[2] ?? 0;
  const profile = new Array<number>(nz).fill(0);
  image.data.forEach((value, i) => {
    profile[i % nz] = (profile[i % nz] ?? 0) + Math.abs(value);
  });
  return profile;
}

/** Rows z ≥ `fromRow` where the profile has a local maximum, strongest first. */
function peaks(profile: readonly number[], fromRow: number): number[] {
  const at = (z: number) => profile[z] ?? 0;
  const found: number[] = [];
  for (let z = fromRow; z < profile.length - 1; z += 1)
    if (at(z) >= at(z - 1) && at(z) >= at(z + 1)) found.push(z);
  return found.sort((a, b) => at(b) - at(a));
}

const distanceTo = (rows: readonly number[], z: number) => Math.min(...rows.map((r) => Math.abs(r - z)));

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** ‖a − b‖ / ‖a‖ over two arrays of one shape. */
function relativeDifference(a: Float32Npy, b: Float32Npy): number {
  let diff = 0;
  let norm = 0;
  a.data.forEach((value, i) => {
    diff += (value - (b.data[i] ?? Number.NaN)) ** 2;
    norm += value ** 2;
  });
  return Math.sqrt(diff / norm);
}

function expectImaged(outcome: WorkflowOutcome, runId: string): Float32Npy {
  expect(outcome.exitCode).toBe(0);
  expect(outcome.result.status).toBe('SUCCEEDED');
  const model = outcome.array('model');
  const image = outcome.array('iterate-1');
  expect(image.shape).toEqual([61, 61, 41]);
  expect(image.data.every(Number.isFinite)).toBe(true);

  // Below the water mute's rows, the strongest reflection lies at an interface of the true model
  // and every interface there has a reflection within 2 grid points (20 m each).
  const truth = interfaces(model);
  expect(truth.length).toBe(4);
  const muteRows = 6;
  const found = peaks(depthProfile(image), muteRows);
  expect(distanceTo(truth, found[0] ?? -99)).toBeLessThanOrEqual(2);
  expect(truth.filter((z) => distanceTo(found, z) > 2)).toEqual([]);

  // The report draws the volume as inline, crossline and depth slices side by side.
  const png = pngSize(join(outcome.dir, '.seisless', 'reports', runId, 'iterate-1.png'));
  expect(png.width).toBeGreaterThan(2.5 * png.height);
  expect(outcome.report.cost_ledger.total_usd).toBeGreaterThan(0);
  const figures = outcome.report.per_iteration[0];
  process.stdout.write(
    `${runId}: run ${outcome.report.run_wall_s} s, image correlation ${figures?.image_correlation}, ` +
      `energy above the first reflector ${figures?.image_energy_above_first_reflector}, ` +
      `kernel efficiency ${outcome.report.job_time.kernel_efficiency}\n`,
  );
  return image;
}

describe('3D TTI RTM of the layered-tti preset, end to end on the local cloud', () => {
  let oneRank: Float32Npy | undefined;

  it(
    'images the four interfaces with one rank per job, through the four services and the reducer',
    async () => {
      const outcome = await runWorkflow(exampleSpec('rtm-tti-3d'), 'it-tti-3d');
      oneRank = expectImaged(outcome, 'it-tti-3d');
      const gradients = outcome.report.cost_ledger.attempts.filter((a) => a.task === 'gradient');
      expect(gradients.map((a) => a.nodes)).toEqual([1, 1, 1, 1]);
    },
    10 * 60_000,
  );

  it(
    'gives the same image with compute.mpiRanks 2 (multi-node jobs, mpirun -n 2, domain decomposition)',
    async () => {
      const spec = exampleSpec('rtm-tti-3d', (s) => {
        s.compute = { ...(s.compute as object), mpiRanks: 2 };
      });
      const outcome = await runWorkflow(spec, 'it-tti-3d-mpi');
      const twoRanks = expectImaged(outcome, 'it-tti-3d-mpi');
      const gradients = outcome.report.cost_ledger.attempts.filter((a) => a.task === 'gradient');
      expect(gradients.map((a) => a.nodes)).toEqual([2, 2, 2, 2]);
      if (oneRank === undefined) throw new Error('the one-rank run did not produce an image');
      const difference = relativeDifference(oneRank, twoRanks);
      process.stdout.write(`3D TTI image, 2 ranks against 1: relative difference ${difference}\n`);
      expect(difference).toBeLessThanOrEqual(1e-5);
    },
    10 * 60_000,
  );
});
