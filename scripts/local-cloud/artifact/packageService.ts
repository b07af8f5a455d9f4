import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@seisless/core';

export interface PackageCommand {
  serviceDir: string;
  /** Folder `serverless package` writes the templates and zips into. */
  outDir: string;
  stage: string;
  region: string;
  /** Project root: the `serverless` binary (osls) and the plugins live in its node_modules. */
  rootDir: string;
}

/** Lines of output kept for the error message when packaging fails. */
const TAIL_LINES = 30;

/**
 * The environment `serverless package` runs in: offline, with no AWS credentials or profile, so
 * the artifact never depends on who runs it (as in scripts/bootstrap/package-all.sh), and with
 * `scratch` as its temporary folder: serverless-esbuild 1.57 stages each function's zip in a
 * folder of the system's temporary directory and leaves it there (6 MB per function and package).
 */
function offlineEnvironment(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    TMPDIR: scratch,
  };
  for (const name of Object.keys(env)) {
    if (name.startsWith('AWS_') || name === 'NODE_OPTIONS') delete env[name];
  }
  return { ...env, AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' };
}

/**
 * Runs `serverless package --stage --region --package <outDir>` in the service folder, its
 * temporary files in a folder of its own that is removed when it exits.
 */
export async function packageService(command: PackageCommand): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'seisless-package-tmp-'));
  try {
    await runPackage(command, scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function runPackage(command: PackageCommand, scratch: string): Promise<void> {
  const binary = join(command.rootDir, 'node_modules', '.bin', 'serverless');
  const args = ['package', '--stage', command.stage, '--region', command.region, '--package', command.outDir];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd: command.serviceDir,
      env: offlineEnvironment(scratch),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const keep = (chunk: Buffer) => output.push(chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) =>
      reject(
        new ConfigError(`${command.serviceDir}: cannot run ${binary} (${error.message})`, { cause: error }),
      ),
    );
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const tail = output.join('').trimEnd().split('\n').slice(-TAIL_LINES).join('\n');
      reject(
        new ConfigError(
          `${command.serviceDir}: 'serverless ${args.join(' ')}' exited with ${code}; expected a packaged service\n${tail}`,
        ),
      );
    });
  });
}
