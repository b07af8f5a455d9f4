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
      // At most one reducer invocation per arriving message (two chunks per gradient here).
      expect(outcome.report.reducer_invocations_per_gradient).not.toBeNull();
      expect(outcome.report.reducer_invocations_per_gradient ?? Infinity).toBeLessThanOrEqual(2);
      // The report's timings come from millisecond clocks: queue time and a non-negative tail.
      for (const i of outcome.report.per_iteration) {
        expect(i.batch_queue_s).toEqual(expect.any(Number));
        expect(i.reduction_tail_s ?? -1).toBeGreaterThanOrEqual(0);
        expect(i.accumulator_update_s ?? 0).toBeGreaterThan(0);
        expect(i.reduction_tail_over_update).toEqual(expect.any(Number));
      }
      expect(outcome.report.pipeline_efficiency ?? 0).toBeGreaterThan(0);
      // Every wait of the state machine was ended by a wake-up (the reducer's, Batch's events),
      // none by its 300 s bound: the deployed stack's signals and their IAM grants work.
      const waits = outcome.report.measured_usage?.stateMachineWaits;
      expect(waits?.timedOut).toBe(0);
      expect(waits?.woken ?? 0).toBeGreaterThanOrEqual(6);
      // The rule passes whole jobs only (not array children): at most one call per job submitted
      // (a retried submit calls again without a second job).
      const calls = outcome.report.lambda_invocations ?? {};
      const named = (suffix: string) =>
        Object.entries(calls).find(
          ([name]) => name.startsWith('seisless-submitter-') && name.endsWith(suffix),
        )?.[1];
      expect(named('-jobEnded') ?? 0).toBeGreaterThan(0);
      expect(named('-jobEnded') ?? 0).toBeLessThanOrEqual(named('-submit') ?? 0);
    },
    20 * 60_000,
  );
});
