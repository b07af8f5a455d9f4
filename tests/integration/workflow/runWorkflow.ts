import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeFloat32Npy, type Float32Npy } from '@seisless/core';
import { processDeps } from '../../../scripts/cli/deps';
import type { RunResult } from '../../../scripts/cli/executeRun';
import { main } from '../../../scripts/cli/main';
import type { RunReport } from '../../../scripts/report/reportTypes';

export const repoRoot = resolve(__dirname, '..', '..', '..');

export interface WorkflowOutcome {
  readonly exitCode: number;
  readonly result: RunResult;
  readonly report: RunReport;
  readonly stderr: string;
  /** Reads an array the report downloaded (`model`, `background`, `iterate-<k>`). */
  array(name: string): Float32Npy;
}

/**
 * Runs `seisless run <spec> --json` end to end on a fresh embedded local cloud (data in a temporary
 * directory) and returns the result, the report and the report's arrays.
 */
export async function runWorkflow(spec: unknown, runId: string): Promise<WorkflowOutcome> {
  const dir = mkdtempSync(join(tmpdir(), `seisless-${runId}-`));
  const specPath = join(dir, `${runId}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const out: string[] = [];
  const err: string[] = [];
  const deps = {
    ...processDeps(repoRoot, { dataDir: join(dir, '.seisless') }),
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => {
      err.push(text);
      process.stderr.write(text);
    },
    interactive: false,
  };
  const exitCode = await main(['run', specPath, '--run-id', runId, '--json'], deps);
  const result = JSON.parse(out.join('')) as RunResult;
  const reportDir = join(deps.dataDir, 'reports', runId);
  const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
  return {
    exitCode,
    result,
    report,
    stderr: err.join(''),
    array: (name) => decodeFloat32Npy(readFileSync(join(reportDir, 'arrays', `${name}.npy`)), name),
  };
}

/** Reads a spec from numerical-examples/specs and applies changes to it. */
export function exampleSpec(name: string, change: (spec: Record<string, unknown>) => void = () => {}) {
  const spec = JSON.parse(
    readFileSync(join(repoRoot, 'numerical-examples', 'specs', `${name}.json`), 'utf8'),
  );
  change(spec);
  return spec as Record<string, unknown>;
}
