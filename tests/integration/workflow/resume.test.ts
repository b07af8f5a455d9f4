import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Float32Npy } from '@seisless/core';
import { processDeps } from '../../../scripts/cli/deps';
import { main } from '../../../scripts/cli/main';
import type { Progress } from '../../../scripts/cli/progress';
import { exampleSpec, repoRoot, resumeWorkflow, runWorkflow, workflowDir } from './runWorkflow';

const ITERATIONS = 3;
const RUN_ID = 'it-resume';

/** A short LS-RTM with a fixed step: the iterates depend only on the gradients, not on timing. */
const spec = exampleSpec('lsrtm-layered', (s) => {
  s.algorithm = { kind: 'lsrtm', iterations: ITERATIONS, batchSize: 4, step: { rule: 'fixed', value: 2e-6 } };
});

/**
 * In iteration 2, with some gradients written or some of them summed but not all: the moment
 * to interrupt. The progress line is `iteration 2/3 · gradients g/4 · reduced r/8 · …`.
 */
const MID_ITERATION_2 = /iteration 2\/3 · gradients (\d)\/4 · reduced (\d)\/8/;

/** CLI processes this file started that may still run (a failed test must not leave them behind). */
const started = new Set<ChildProcess>();

function midIteration(line: string): boolean {
  const match = MID_ITERATION_2.exec(line);
  if (match === null) return false;
  const [gradients, reduced] = [Number(match[1]), Number(match[2])];
  return (gradients >= 1 && gradients <= 3) || (reduced >= 1 && reduced <= 7);
}

/**
 * `seisless run` as a user starts it, in its own process with the local cloud in-process; Ctrl-C
 * (SIGINT) once iteration 2 is part-way. Resolves to the exit code and stderr.
 */
function runThenInterrupt(specPath: string, dir: string): Promise<{ code: number | null; stderr: string }> {
  // Each Batch job waits 1.5 s in STARTING, so an iteration's partial states last several polls.
  const faults = JSON.stringify({ batchStartDelayMs: 1500 });
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'scripts', 'cli', 'seisless.mjs'),
      'run',
      specPath,
      '--run-id',
      RUN_ID,
      '--faults',
      faults,
    ],
    { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  started.add(child);
  let stderr = '';
  let interrupted = false;
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString();
    process.stderr.write(data);
    if (!interrupted && stderr.split('\n').some(midIteration)) {
      interrupted = true;
      child.kill('SIGINT');
    }
  });
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      started.delete(child);
      resolve({ code, stderr });
    }),
  );
}

async function status(dir: string): Promise<Progress> {
  const out: string[] = [];
  const deps = {
    ...processDeps(repoRoot, { dataDir: join(dir, '.seisless') }),
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => process.stderr.write(text),
    interactive: false,
  };
  expect(await main(['status', RUN_ID, '--json'], deps)).toBe(0);
  return JSON.parse(out.join('')) as Progress;
}

function maxAbs(values: Float32Array): number {
  return values.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

function maxAbsDifference(a: Float32Npy, b: Float32Npy): number {
  return a.data.reduce((m, v, i) => Math.max(m, Math.abs(v - (b.data[i] ?? Number.NaN))), 0);
}

describe('a run interrupted mid-iteration and resumed, end to end on the local cloud with Devito', () => {
  afterAll(() => {
    for (const child of started) child.kill('SIGINT');
  });

  it(
    'ends with the image and objectives of an uninterrupted run',
    async () => {
      const dir = workflowDir(RUN_ID);
      const specPath = join(dir, `${RUN_ID}.json`);
      writeFileSync(specPath, JSON.stringify(spec));

      const [clean, stopped] = await Promise.all([
        runWorkflow(spec, 'it-resume-clean'),
        runThenInterrupt(specPath, dir),
      ]);
      const before = await status(dir);
      const resumed = await resumeWorkflow(RUN_ID, dir);

      expect(stopped.code).toBe(130);
      expect(stopped.stderr).toContain('seisless: interrupted');
      expect(before.state?.completedIterations).toBe(1);
      expect(before.state?.status).toBe('FAILED');
      expect(before.state?.error?.Error).toBe('Interrupted');
      expect(before.iteration).toBe(2);
      expect(clean.exitCode).toBe(0);
      expect(resumed.exitCode).toBe(0);
      expect(resumed.result.status).toBe('SUCCEEDED');
      expect(resumed.result.completedIterations).toBe(ITERATIONS);
      const objectives = resumed.result.objectives as number[];
      expect(objectives).toHaveLength(ITERATIONS);
      clean.result.objectives.forEach((value, k) => {
        expect(Math.abs((objectives[k] ?? 0) - (value ?? 0))).toBeLessThanOrEqual(
          1e-5 * Math.abs(value ?? 0),
        );
      });
      expect(resumed.report.per_iteration.map((i) => i.shots)).toEqual([4, 4, 4]);
      const image = resumed.array(`iterate-${ITERATIONS}`);
      const reference = clean.array(`iterate-${ITERATIONS}`);
      expect(image.shape).toEqual(reference.shape);
      expect(maxAbs(reference.data)).toBeGreaterThan(0);
      expect(maxAbsDifference(image, reference)).toBeLessThanOrEqual(1e-5 * maxAbs(reference.data));
    },
    10 * 60_000,
  );
});
