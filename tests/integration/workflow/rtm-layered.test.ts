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

/** Rows z ≥ `fromRow` where the profile has a local maximum, strongest first. */
function peaks(profile: readonly number[], fromRow: number): number[] {
  const at = (z: number) => profile[z] ?? 0;
  const found: number[] = [];
  for (let z = fromRow; z < profile.length - 1; z += 1)
    if (at(z) >= at(z - 1) && at(z) >= at(z + 1)) found.push(z);
  return found.sort((a, b) => at(b) - at(a));
}

const distanceTo = (rows: readonly number[], z: number) => Math.min(...rows.map((r) => Math.abs(r - z)));

describe('RTM of a layered model, end to end on the local cloud with Devito', () => {
  it(
    'puts the strongest reflections within 2 grid points of the true interfaces',
    async () => {
      const outcome = await runWorkflow(exampleSpec('rtm-layered'), 'it-rtm-layered');

      expect(outcome.exitCode).toBe(0);
      expect(outcome.result.status).toBe('SUCCEEDED');
      const truth = interfaces(outcome.array('model'));
      expect(truth.length).toBeGreaterThanOrEqual(3);
      // Remove the direct wave and near-surface rows (the top quarter: sources and receivers at 20 m).
      const image = outcome.array('iterate-1');
      const muteRows = Math.ceil((image.shape[1] ?? 0) / 4);
      const found = peaks(depthProfile(image), muteRows);
      const imaged = truth.filter((z) => z > muteRows);
      expect(found.length).toBeGreaterThan(0);
      // The strongest reflection is at an interface, and every interface below the mute has a reflection.
      expect(distanceTo(truth, found[0] ?? -99)).toBeLessThanOrEqual(2);
      expect(imaged.filter((z) => distanceTo(found, z) > 2)).toEqual([]);
      expect(outcome.report.per_iteration).toHaveLength(1);

      // The run's cost ledger adds up, every line priced from what the local cloud counted.
      const ledger = outcome.report.cost_ledger;
      process.stdout.write(`rtm-layered cost ledger: ${JSON.stringify(ledger, null, 1)}\n`);
      const lines = [ledger.batch_ec2, ledger.lambda, ledger.sqs, ledger.step_functions, ledger.s3];
      expect(ledger.unpriced).toEqual([]);
      for (const line of lines) expect(line.usd).toEqual(expect.any(Number));
      const sum = lines.reduce((n, line) => n + (line.usd ?? 0), 0);
      expect(Math.abs(ledger.total_usd - sum)).toBeLessThanOrEqual(1e-9);
      expect(ledger.attempts.length).toBeGreaterThan(0);
      expect(ledger.step_functions.quantities.transitions).toBeGreaterThan(0);
      expect(ledger.sqs.quantities.fifo).toBeGreaterThan(0);
      expect(ledger.s3.quantities.put).toBeGreaterThan(0);
      expect(ledger.lambda.quantities.gb_seconds).toBeGreaterThan(0);
    },
    15 * 60_000,
  );
});
