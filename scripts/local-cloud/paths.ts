import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function isProjectRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'seisless';
}

function findUp(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isProjectRoot(dir)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The seisless repository root (the folder of its package.json). */
export const PROJECT_ROOT: string =
  (typeof __dirname === 'string' ? findUp(__dirname) : undefined) ?? findUp(process.cwd()) ?? process.cwd();

/** This folder (scripts/local-cloud), for child entry points and the Lambda runtime. */
export const LOCAL_CLOUD_DIR = join(PROJECT_ROOT, 'scripts', 'local-cloud');
