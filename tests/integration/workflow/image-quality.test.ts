import type { RunReport } from '../../../scripts/report/reportTypes';
import { exampleSpec, runWorkflow } from './runWorkflow';

// The report scores a synthetic run's images (scripts/report/imageQuality.ts): the correlation of
// x_k with m_true − m0, both smoothed by a Gaussian of FWHM λ/4, below the sources and receivers;
// and the surface imprint, the share of Σ x_k² above the first reflector minus λ/2.

const LSRTM_ITERATIONS = 6;

const correlations = (report: RunReport) =>
  report.per_iteration.map((i) => i.image_correlation ?? Number.NaN);

describe('image quality of the layered model, end to end on the local cloud with Devito', () => {
  it(
    'LS-RTM: the image correlation with m_true − m0 rises over the iterations (full batch, exact step)',
    async () => {
      const spec = exampleSpec('lsrtm-layered', (s) => {
        s.algorithm = { kind: 'lsrtm', iterations: LSRTM_ITERATIONS, batchSize: 8, step: { rule: 'exact' } };
      });

      const outcome = await runWorkflow(spec, 'it-image-lsrtm');

      expect(outcome.exitCode).toBe(0);
      const report = outcome.report;
      process.stderr.write(
        `LS-RTM image quality: ${JSON.stringify(report.image_quality)} correlation ${JSON.stringify(correlations(report))} imprint ${JSON.stringify(report.per_iteration.map((i) => i.image_energy_above_first_reflector))} misfit ${JSON.stringify(report.per_iteration.map((i) => i.relative_misfit))}\n`,
      );
      expect(report.image_quality).toMatchObject({ evaluated_below_m: 20, first_reflector_m: 100 });
      const rho = correlations(report);
      expect(rho).toHaveLength(LSRTM_ITERATIONS);
      // Steepest descent with exact steps zigzags: an iteration may lose a little, the run gains clearly.
      for (let k = 1; k < rho.length; k += 1) expect(rho[k]).toBeGreaterThan((rho[k - 1] as number) - 0.02);
      expect((rho.at(-1) as number) - (rho[0] as number)).toBeGreaterThan(0.05);
      // The data misfit falls with it.
      const misfit = report.per_iteration.map((i) => i.relative_misfit ?? Number.NaN);
      expect(misfit[0]).toBe(1);
      expect(misfit.at(-1)).toBeLessThan(1);
    },
    20 * 60_000,
  );
});
