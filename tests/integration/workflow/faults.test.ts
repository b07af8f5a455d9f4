import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Float32Npy } from '@seisless/core';
import { reduceLogLines } from '../../../scripts/report/crashRecoveries';
import { exampleSpec, runWorkflow, type WorkflowOutcome } from './runWorkflow';

const ITERATIONS = 3;
const BATCH = 4;
const REDUCER = 'seisless-gradient-reducer-local-reduce';

/** A short LS-RTM with a fixed step (no line-search jobs), 3 Batch attempts per job. */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = {
    kind: 'lsrtm',
    iterations: ITERATIONS,
    batchSize: BATCH,
    step: { rule: 'fixed', value: 2e-6 },
  };
  s.compute = { ...(s.compute as object), retries: 3 };
});
const [nx, nz] = (spec.model as { shape: [number, number] }).shape;
const chunks = Math.ceil((nx * nz) / (spec.reduction as { chunkSize: number }).chunkSize);

/**
 * Seed 2794 with these rates gives, in the order the draws are made: reducer invocations 1 and 2
 * crash (before, then after the handler ran), Batch attempts 11 and 14 (gradient jobs) are killed
 * about 0.22 s after they start (55 % of the window: sooner than any of these jobs ends, the
 * fastest taking about 0.35 s since they run their operators without importing Devito; with a
 * 1 s window they had all ended before their kill), and about a third of the reducer's messages
 * are delivered twice.
 * No message can fail ten times (the queue's maxReceiveCount), so nothing is dead-lettered. The
 * queues keep their deployed settings: a crashed batch comes back after the 6 s visibility timeout.
 */
const FAULTS = {
  seed: 2794,
  sqsDuplicateRate: 0.3,
  lambdaCrashBeforeRate: 0.06,
  lambdaCrashAfterRate: 0.06,
  functions: [REDUCER],
  batchKillRate: 0.1,
  batchKillWindowMs: 400,
};

/** Σ of the reducer's per-invocation outcome counts, from its `reduce` log lines. */
function reducerCounts(outcome: WorkflowOutcome): Record<'added' | 'skipped' | 'rejected', number> {
  const log = readFileSync(join(outcome.dir, '.seisless', 'lambda', 'logs', `${REDUCER}.log`), 'utf8');
  const sum = { added: 0, skipped: 0, rejected: 0 };
  for (const { counts = {} } of reduceLogLines(log)) {
    sum.added += counts.added ?? 0;
    sum.skipped += counts.skipped ?? 0;
    sum.rejected += counts.rejected ?? 0;
  }
  return sum;
}

function maxAbs(values: Float32Array): number {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function maxAbsDifference(a: Float32Npy, b: Float32Npy): number {
  return a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - (b.data[i] ?? Number.NaN))), 0);
}

describe('LS-RTM under injected faults, end to end on the local cloud with Devito', () => {
  it(
    'ends with the image and objectives of a run without faults, every shot summed exactly once',
    async () => {
      const [clean, faulty] = await Promise.all([
        runWorkflow(spec, 'it-faults-clean'),
        runWorkflow(spec, 'it-faults-injected', { faults: FAULTS }),
      ]);

      expect(clean.exitCode).toBe(0);
      expect(faulty.exitCode).toBe(0);
      expect(faulty.result.status).toBe('SUCCEEDED');
      const injected = faulty.result.injectedFaults ?? {};
      expect(injected.sqsDuplicates).toBeGreaterThan(0);
      expect(injected.lambdaCrashesBefore).toBeGreaterThan(0);
      expect(injected.lambdaCrashesAfter).toBeGreaterThan(0);
      expect(injected.batchKills).toBeGreaterThan(0);
      // Every shot of every chunk was added once; the duplicates and redeliveries were skipped.
      const counts = reducerCounts(faulty);
      expect(counts.added).toBe(ITERATIONS * BATCH * chunks);
      expect(counts.skipped).toBeGreaterThan(0);
      expect(counts.rejected).toBe(0);
      expect(faulty.report.per_iteration.map((i) => i.shots)).toEqual([BATCH, BATCH, BATCH]);
      const objectives = faulty.result.objectives as number[];
      expect(objectives).toHaveLength(ITERATIONS);
      clean.result.objectives.forEach((value, k) => {
        expect(Math.abs((objectives[k] ?? 0) - (value ?? 0))).toBeLessThanOrEqual(
          1e-5 * Math.abs(value ?? 0),
        );
      });
      const image = faulty.array(`iterate-${ITERATIONS}`);
      const reference = clean.array(`iterate-${ITERATIONS}`);
      expect(image.shape).toEqual(reference.shape);
      expect(maxAbs(reference.data)).toBeGreaterThan(0);
      expect(maxAbsDifference(image, reference)).toBeLessThanOrEqual(1e-5 * maxAbs(reference.data));
    },
    10 * 60_000,
  );
});
