import { exampleSpec, runWorkflow } from './runWorkflow';

describe('LS-RTM of a layered model, end to end on the local cloud with Devito', () => {
  it(
    'decreases the objective at every iteration (full batch, fixed step, 5 iterations)',
    async () => {
      const spec = exampleSpec('lsrtm-layered', (s) => {
        s.algorithm = {
          kind: 'lsrtm',
          iterations: 5,
          batchSize: 8,
          step: { rule: 'fixed', value: Number(process.env.SEISLESS_TEST_LSRTM_STEP ?? 2e-6) },
        };
      });

      const outcome = await runWorkflow(spec, 'it-lsrtm-layered');

      expect(outcome.exitCode).toBe(0);
      const objectives = outcome.report.per_iteration.map((i) => i.objective);
      expect(objectives).toHaveLength(5);
      for (let k = 1; k < objectives.length; k += 1) {
        expect(objectives[k]).toBeLessThan(objectives[k - 1] as number);
      }
      expect(outcome.report.reducer_invocations_per_gradient ?? 0).toBeLessThan(2);
    },
    20 * 60_000,
  );
});
