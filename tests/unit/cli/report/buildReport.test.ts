import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { encodeFloat32Npy, type IterationSummary, runKeys } from '@seisless/core';
import { buildReport } from '../../../../scripts/report/buildReport';
import { readableError } from '../../../../services/iterator/src/finish';
import { jobTimings } from '../../../support/jobTimings';
import { memoryStore } from '../fakes';

const repoRoot = resolve(__dirname, '..', '..', '..', '..');
const keys = runKeys('demo');
const T0 = 1_700_000_000_000;
// The report spawns Python (matplotlib) to draw; on a loaded 2-core machine that takes seconds.
const DRAWS = 60_000;

function seededStore() {
  const store = memoryStore();
  const shape = [12, 8];
  const npy = (f: (i: number) => number) =>
    encodeFloat32Npy({ shape, data: Float32Array.from({ length: 96 }, (_, i) => f(i)) });
  store.objects.set(keys.spec, {
    model: { preset: 'layered', shape, spacing: [10, 10] },
    acquisition: {
      sources: { count: 2, depthM: 0 },
      receivers: { count: 12, depthM: 0 },
      recordingTimeMs: 100,
      peakFrequencyHz: 10,
    },
    algorithm: { kind: 'lsrtm', iterations: 1, batchSize: 2, step: { rule: 'exact' } },
    compute: { vcpus: 1 },
  });
  store.objects.set(keys.state, {
    runId: 'demo',
    status: 'SUCCEEDED',
    algorithm: 'lsrtm',
    iterations: 1,
    completedIterations: 1,
    objectives: [3],
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0 + 20_000).toISOString(),
    finishedAt: new Date(T0 + 20_000).toISOString(),
  });
  store.objects.set(
    keys.input('model'),
    npy((i) => 1.5 + (i % 8) / 4),
  );
  store.objects.set(
    keys.model(1),
    npy((i) => Math.sin(i)),
  );
  store.objects.set(keys.iterationSummary(1), {
    k: 1,
    shots: [0, 1],
    usedShots: [0, 1],
    droppedShots: [],
    rescale: 1,
    objective: 3,
    step: 0.1,
    rule: 'exact',
    warnings: [],
    timings: {
      submittedAt: T0,
      firstJobStartedAt: T0,
      lastJobStoppedAt: T0 + 5_000,
      jobWallSeconds: [5, 5],
      lastGradientAt: T0 + 10_000,
      reductionCompleteAt: T0 + 11_000,
      accumulatorUpdateMs: 100,
      updateStartedAt: T0 + 12_000,
      updateFinishedAt: T0 + 12_500,
    },
  } satisfies IterationSummary);
  for (const shot of [0, 1]) {
    store.objects.set(
      keys.gradient(1, shot),
      npy(() => 0),
    );
    store.objects.set(
      `${keys.timingsPrefix(1)}gradient-shot-${shot}.json`,
      jobTimings({ shot, total_s: 5, kernel_s: 4, started_at: T0 / 1000, finished_at: T0 / 1000 + 5 }),
    );
  }
  return store;
}

describe('buildReport', () => {
  it(
    'writes report.json, PNGs and index.html locally and uploads them next to the run',
    async () => {
      const outDir = join(mkdtempSync(join(tmpdir(), 'seisless-report-')), 'demo');
      const uploaded: string[] = [];

      const built = await buildReport({
        store: seededStore(),
        upload: async (key) => {
          uploaded.push(key);
        },
        bucket: 'seisless-local-data',
        runId: 'demo',
        outDir,
        repoRoot,
        slotVcpus: 2,
        invocations: { 'seisless-gradient-reducer-local-reduce': 3 },
      });

      expect(built.report).toMatchObject({
        run_wall_s: 20,
        gradients: 2,
        pipeline_efficiency: 0.25,
        reducer_invocations_per_gradient: 1.5,
        per_iteration: [{ k: 1, objective: 3, reduction_tail_s: 1 }],
      });
      expect(built.report.notes).toEqual([]);
      const ledger = built.report.cost_ledger;
      expect(ledger.batch_ec2.quantities).toMatchObject({ attempts: 2, failed_attempts: 0 });
      expect(ledger.lambda.quantities.requests).toBe(3);
      expect(ledger.s3.quantities.stored_gb).toBe(0); // listed: the fake store's objects have size 0
      const lines = [ledger.batch_ec2, ledger.lambda, ledger.sqs, ledger.step_functions, ledger.s3];
      expect(ledger.total_usd).toBeCloseTo(
        lines.reduce((n, l) => n + (l.usd ?? 0), 0),
        9,
      );
      expect(JSON.parse(readFileSync(built.json, 'utf8')).cost_ledger.total_usd).toBe(ledger.total_usd);
      for (const file of ['model.png', 'iterate-1.png', 'objective.png', 'index.html', 'report.json']) {
        expect(existsSync(join(outDir, file))).toBe(true);
        expect(uploaded).toContain(`runs/demo/report/${file}`);
      }
      expect(readFileSync(built.html, 'utf8')).toMatch(/<img src="iterate-1.png"/);
      expect(built.s3Url).toBe('s3://seisless-local-data/runs/demo/report/index.html');
    },
    DRAWS,
  );

  it(
    "shows the error RecordFailure recorded, an AccessDenied's action, resource and role included",
    async () => {
      const store = seededStore();
      const message =
        'User: arn:aws:sts::000000000000:assumed-role/seisless-submitter-local-lambdaRole/seisless-submitter-local-submit is not authorized to perform: batch:SubmitJob on resource: arn:aws:batch:us-east-1:000000000000:job-queue/seisless-local-jobs';
      const state = store.objects.get(keys.state) as Record<string, unknown>;
      store.objects.set(keys.state, {
        ...state,
        status: 'FAILED',
        error: readableError({
          Error: 'AccessDeniedException',
          Cause: JSON.stringify({ errorType: 'AccessDeniedException', errorMessage: message }),
        }),
      });

      const built = await buildReport({
        store,
        upload: async () => {},
        bucket: 'seisless-local-data',
        runId: 'demo',
        outDir: join(mkdtempSync(join(tmpdir(), 'seisless-report-')), 'demo'),
        repoRoot,
        slotVcpus: 2,
        invocations: undefined,
      });

      expect(built.report.error).toEqual({ Error: 'AccessDeniedException', Cause: message });
      expect(readFileSync(built.html, 'utf8')).toContain(`AccessDeniedException: ${message}`);
    },
    DRAWS,
  );

  it(
    'refuses a summary that breaks its contract with one line naming the file and the field',
    async () => {
      const store = seededStore();
      const summary = store.objects.get(keys.iterationSummary(1)) as Record<string, unknown>;
      const { usedShots: _dropped, ...withoutUsedShots } = summary;
      store.objects.set(keys.iterationSummary(1), withoutUsedShots);

      const built = buildReport({
        store,
        upload: async () => {},
        bucket: 'seisless-local-data',
        runId: 'demo',
        outDir: join(mkdtempSync(join(tmpdir(), 'seisless-report-')), 'demo'),
        repoRoot,
        slotVcpus: 2,
        invocations: undefined,
      });

      await expect(built).rejects.toThrow(
        'runs/demo/iterations/1/summary.json: usedShots: missing; expected an array',
      );
    },
    DRAWS,
  );

  it(
    "scores a synthetic run's iterates against m_true − m0 and draws the truth and the scores",
    async () => {
      // Arrange: a background (1.5 km/s on top, 1.75 below) under the model of seededStore.
      const store = seededStore();
      const background = Float32Array.from({ length: 96 }, (_, i) => (i % 8 < 2 ? 1.5 : 1.75));
      store.objects.set(keys.input('background'), encodeFloat32Npy({ shape: [12, 8], data: background }));
      const outDir = join(mkdtempSync(join(tmpdir(), 'seisless-report-')), 'demo');

      // Act
      const built = await buildReport({
        store,
        upload: async () => {},
        bucket: 'seisless-local-data',
        runId: 'demo',
        outDir,
        repoRoot,
        slotVcpus: 2,
        invocations: undefined,
      });

      // Assert
      expect(built.report.image_quality).toMatchObject({ evaluated_below_m: 0, first_reflector_m: 10 });
      const [first] = built.report.per_iteration;
      expect(first?.image_correlation).toEqual(expect.any(Number));
      expect(first?.relative_misfit).toBe(1);
      expect(built.report.notes.filter((n) => n.includes('image'))).toEqual([]);
      for (const file of ['true-perturbation.png', 'image-quality.png', 'background.png']) {
        expect(existsSync(join(outDir, file))).toBe(true);
      }
      expect(readFileSync(built.html, 'utf8')).toMatch(/<h2>Image quality<\/h2>/);
    },
    DRAWS,
  );
});
