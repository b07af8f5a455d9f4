import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeFloat32Npy, type Float32Npy } from '@seisless/core';
import { processDeps } from '../../../scripts/cli/deps';
import type { RunResult } from '../../../scripts/cli/executeRun';
import type { LocalCloudSettings } from '../../../scripts/cli/localSession';
import { main } from '../../../scripts/cli/main';
import type { FaultConfig } from '../../../scripts/local-cloud/index';
import type { RunReport } from '../../../scripts/report/reportTypes';

export const repoRoot = resolve(__dirname, '..', '..', '..');

export interface WorkflowOutcome {
  readonly exitCode: number;
  /** The folder holding the spec file and the local cloud's data (`.seisless/`). */
  readonly dir: string;
  readonly result: RunResult;
  readonly report: RunReport;
  readonly stderr: string;
  /** Reads an array the report downloaded (`model`, `background`, `iterate-<k>`). */
  array(name: string): Float32Npy;
}

/** Optional settings of runWorkflow / resumeWorkflow; none are needed. */
export interface WorkflowOptions {
  /** Faults for the local cloud to inject (`--faults <json>`). */
  readonly faults?: Partial<FaultConfig>;
  /** Further local-cloud settings, e.g. `{ prewarmFunctions: false }`. */
  readonly localCloud?: LocalCloudSettings;
  /** More command-line arguments. */
  readonly args?: readonly string[];
  /** The folder of the spec and the local cloud's data; default a fresh temporary one. */
  readonly dir?: string;
}

/** The temporary folders workflowDir made in this test file: removed after its last test (a run
 * leaves 0.1-0.2 GB of local-cloud data there, and CI runs add up on a machine). */
const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temporary folder for run `runId`'s spec and local-cloud data, removed after the test
 * file's last test. */
export function workflowDir(runId: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seisless-${runId}-`));
  made.push(dir);
  return dir;
}

/**
 * Runs `seisless run <spec> --json` end to end on a fresh embedded local cloud (data in a temporary
 * directory, removed after the test file) and returns the result, the report and the report's
 * arrays.
 */
export async function runWorkflow(
  spec: unknown,
  runId: string,
  options: WorkflowOptions = {},
): Promise<WorkflowOutcome> {
  const dir = options.dir ?? workflowDir(runId);
  const specPath = join(dir, `${runId}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  return runCli(['run', specPath, '--run-id', runId, '--json'], runId, dir, options);
}

/** `seisless resume <runId> --json` on the local cloud data in `dir` (a runWorkflow's `dir`). */
export async function resumeWorkflow(
  runId: string,
  dir: string,
  options: Omit<WorkflowOptions, 'dir'> = {},
): Promise<WorkflowOutcome> {
  return runCli(['resume', runId, '--json'], runId, dir, options);
}

async function runCli(
  argv: readonly string[],
  runId: string,
  dir: string,
  options: WorkflowOptions,
): Promise<WorkflowOutcome> {
  const faults = options.faults === undefined ? [] : ['--faults', JSON.stringify(options.faults)];
  const out: string[] = [];
  const err: string[] = [];
  const deps = {
    ...processDeps(repoRoot, {
      dataDir: join(dir, '.seisless'),
      ...(options.localCloud === undefined ? {} : { localCloud: options.localCloud }),
    }),
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => {
      err.push(text);
      process.stderr.write(text);
    },
    interactive: false,
  };
  const exitCode = await main([...argv, ...faults, ...(options.args ?? [])], deps);
  const result = JSON.parse(out.join('')) as RunResult;
  const reportDir = join(deps.dataDir, 'reports', runId);
  const report = JSON.parse(readFileSync(join(reportDir, 'report.json'), 'utf8')) as RunReport;
  return {
    exitCode,
    dir,
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
