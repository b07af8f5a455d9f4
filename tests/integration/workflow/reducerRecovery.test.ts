import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REDUCER_QUEUE } from '@seisless/core';
import { reduceLogLines } from '../../../scripts/report/crashRecoveries';
import { exampleSpec, runWorkflow } from './runWorkflow';

const BATCH = 4;
const REDUCER = 'seisless-gradient-reducer-local-reduce';

const ITERATIONS = 10;

/**
 * LS-RTM iterations with a fixed step: 4 shots × 2 chunks = 8 reducer messages each. The later
 * iterations keep the cloud running until the batch that crashed after its PUT has come back, a
 * visibility timeout after the first one's: at least 12 s after the first reduction. They took
 * about 4 s each when jobs imported Devito, 1-2 s since they run its compiled operators without
 * it, so 4 iterations no longer lasted long enough; 10 do.
 */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = {
    kind: 'lsrtm',
    iterations: ITERATIONS,
    batchSize: BATCH,
    step: { rule: 'fixed', value: 2e-6 },
  };
});
const [nx, nz] = (spec.model as { shape: [number, number] }).shape;
const chunks = Math.ceil((nx * nz) / (spec.reduction as { chunkSize: number }).chunkSize);

/**
 * The reducer's first invocation dies before its handler runs; the first one whose handler
 * completes (the redelivery, about one visibility timeout later) dies after its PUT.
 */
const FAULTS = {
  functions: [REDUCER],
  lambdaCrashBeforeInvocations: [1],
  lambdaCrashAfterInvocations: [1],
};

describe('reducer crash recovery with the deployed queue settings', () => {
  it(
    'merges each crashed chunk on its first redelivery, within two visibility timeouts, every shot once',
    async () => {
      const run = await runWorkflow(spec, 'it-reducer-recovery', { faults: FAULTS });

      expect(run.exitCode).toBe(0);
      expect(run.result.status).toBe('SUCCEEDED');
      expect(run.result.injectedFaults).toMatchObject({ lambdaCrashesBefore: 1, lambdaCrashesAfter: 1 });
      const log = readFileSync(join(run.dir, '.seisless', 'lambda', 'logs', `${REDUCER}.log`), 'utf8');
      const added = reduceLogLines(log).reduce((n, line) => n + (line.counts?.added ?? 0), 0);
      expect(added).toBe(ITERATIONS * BATCH * chunks); // every shot of every chunk summed once
      const recoveries = run.report.crash_recoveries ?? [];
      process.stderr.write(
        `reducer crash recovery (deployed settings, visibility ${REDUCER_QUEUE.visibilityTimeoutS} s):\n${recoveries
          .map(
            (r) =>
              `  ${r.chunk}: crashed ${new Date(r.crashed_at).toISOString()}, merged ${r.recovery_s} s later`,
          )
          .join('\n')}\n`,
      );
      // Each crash left a row per chunk of its batch (crashes more than a second apart are told
      // apart), and each chunk was merged again before a second visibility timeout could have
      // passed: on its first redelivery.
      const times = recoveries.map((r) => r.crashed_at).sort((a, b) => a - b);
      const crashes = times.filter((t, i) => i === 0 || t - (times[i - 1] ?? t) > 1000);
      expect(crashes).toHaveLength(2);
      for (const r of recoveries) expect(r.recovery_s).toBeLessThan(2 * REDUCER_QUEUE.visibilityTimeoutS);
    },
    5 * 60_000,
  );
});
