#!/usr/bin/env node
// The `seisless` launcher (package.json `bin`): runs the TypeScript CLI (scripts/cli/bin.ts) under
// tsx, resolved from the repository so it works from any directory; relative paths stay relative
// to the caller's working directory. Exit code and signals pass through.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// A folder deleted under the shell: nothing below could resolve a path, so say so in one line.
try {
  process.cwd();
} catch {
  process.stderr.write('seisless: error: the current folder no longer exists; cd to an existing folder\n');
  process.exit(1);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const child = spawn(
  process.execPath,
  ['--import', tsx, join(root, 'scripts', 'cli', 'bin.ts'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal === null ? 70 : 128);
});
