import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processDeps } from '../../../scripts/cli/deps';
import { main } from '../../../scripts/cli/main';
import { repoRoot } from '../workflow/runWorkflow';

const created: string[] = [];

/** Removes every copy made so far (their packaged services and run data included). */
export function removeMutatedProjects(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * A copy of the project's services, serverless.common.yml and state machines, inside the project's
 * ignored `.seisless/` (so that packaging resolves node_modules and @seisless/core as in place), with
 * one text replacement made in one service's serverless.yml.
 */
export function mutatedProject(service: string, from: string | RegExp, to: string): string {
  const parent = join(repoRoot, '.seisless', 'iam-mutations');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, `${service}-`));
  created.push(dir);
  const skip = /[/\\](node_modules|\.serverless|\.esbuild|\.build)$/;
  cpSync(join(repoRoot, 'services'), join(dir, 'services'), {
    recursive: true,
    filter: (path) => !skip.test(path),
  });
  cpSync(join(repoRoot, 'state-machines'), join(dir, 'state-machines'), { recursive: true });
  cpSync(join(repoRoot, 'serverless.common.yml'), join(dir, 'serverless.common.yml'));
  const file = join(dir, 'services', service, 'serverless.yml');
  const text = readFileSync(file, 'utf8');
  const found = typeof from === 'string' ? text.includes(from) : from.test(text);
  if (!found) throw new Error(`${file} has no '${from}' to mutate`);
  writeFileSync(file, text.replace(from, to));
  return dir;
}

export interface FailedRun {
  readonly exitCode: number;
  readonly stderr: string;
  readonly dataDir: string;
}

/** `seisless run <spec>` on a local cloud wired from the mutated copy (the run is expected to fail). */
export async function runOn(project: string, spec: unknown, runId: string): Promise<FailedRun> {
  const specPath = join(project, `${runId}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const services = ['gradient-reducer', 'iterator', 'line-search', 'submitter'];
  const dataDir = join(project, 'data');
  const err: string[] = [];
  const deps = {
    ...processDeps(repoRoot, {
      dataDir,
      localCloud: {
        serviceDirs: services.map((name) => join(project, 'services', name)),
        stateMachineDir: join(project, 'state-machines'),
      },
    }),
    stdout: () => undefined,
    stderr: (text: string) => {
      err.push(text);
    },
    interactive: false,
  };
  const exitCode = await main(['run', specPath, '--run-id', runId, '--json'], deps);
  return { exitCode, stderr: err.join(''), dataDir };
}
