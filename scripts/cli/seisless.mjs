#!/usr/bin/env node
// The `seisless` launcher (package.json `bin`): registers tsx with the repository's tsconfig and
// runs the TypeScript CLI in this process, so relative paths stay relative to the caller's cwd.
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
register({ tsconfig: join(root, 'tsconfig.json') });
const { main } = await import(pathToFileURL(join(root, 'scripts', 'cli', 'main.ts')).href);
process.exitCode = await main(process.argv.slice(2));
