import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { exampleSpec, runWorkflow } from './runWorkflow';

const RUN_ID = 'it-aperture-reduction';

/**
 * RTM of the layered model widened to 6 km (601 × 51), two shots at 0.5 and 5.5 km with a ±200 m
 * spread following each and a 300 m aperture: windows of 150 points, at x points 0–149 and
 * 451–600. With chunks of 1024 elements (30 in all), shot 0 touches chunks 0–7 and shot 1 chunks
 * 22–29; no shot touches chunks 8–21.
 */
const spec = exampleSpec('rtm-layered', (s) => {
  s.model = { preset: 'layered', shape: [601, 51], spacing: [10, 10] };
  s.acquisition = {
    sources: { count: 2, depthM: 20, xRangeM: [500, 5500] },
    receivers: { count: 41, depthM: 20, xRangeM: [-200, 200] },
    receiversFollowSource: true,
    apertureM: 300,
    recordingTimeMs: 700,
    peakFrequencyHz: 15,
  };
  s.reduction = { chunkSize: 1024 };
});

/** Chunk indices of the iteration's accumulators in the local cloud's S3 folder (S3rver's files). */
function accumulatorChunks(dir: string, iteration: number): number[] {
  const folder = join(
    dir,
    '.seisless',
    's3',
    'seisless-local-data',
    'runs',
    RUN_ID,
    'iterations',
    String(iteration),
    'accumulators',
  );
  const chunks = readdirSync(folder).flatMap((name) => {
    const match = /^chunk-(\d+)\.npy\._S3rver_object$/.exec(name);
    return match === null ? [] : [Number(match[1])];
  });
  return chunks.sort((a, b) => a - b);
}

describe('aperture-limited reduction, end to end on the local cloud with Devito', () => {
  it(
    "reduces only the chunks each shot's window touches, and images inside the windows only",
    async () => {
      const outcome = await runWorkflow(spec, RUN_ID);

      expect(outcome.exitCode).toBe(0);
      expect(outcome.result.status).toBe('SUCCEEDED');
      const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
      expect(accumulatorChunks(outcome.dir, 1)).toEqual([...range(0, 8), ...range(22, 30)]);

      const image = outcome.array('iterate-1');
      expect(image.shape).toEqual([601, 51]);
      const columnEnergy = (x: number) =>
        image.data.subarray(x * 51, (x + 1) * 51).reduce((sum, v) => sum + Math.abs(v), 0);
      const outside = range(150, 451).filter((x) => columnEnergy(x) !== 0);
      expect(outside).toEqual([]);
      // Each shot images below itself: energy in both windows.
      expect(columnEnergy(50)).toBeGreaterThan(0);
      expect(columnEnergy(550)).toBeGreaterThan(0);
      expect(outcome.report.per_iteration).toHaveLength(1);
    },
    15 * 60_000,
  );
});
