import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { SeislessError } from '@seisless/core';
import { type BuildOptions, build } from 'esbuild';

export interface CachedBundle {
  /** Absolute path of the bundled file. */
  outfile: string;
  /** True when this call built it (sources changed or no cache yet). */
  built: boolean;
}

interface Manifest {
  outfile: string;
  inputs: Record<string, string>;
}

/** Size and modification time: cheap to read, changes whenever a source does. */
function fingerprint(path: string): string {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** Inputs worth watching: the project's own files (node_modules changes come with a new lock file). */
function watchedInputs(inputs: string[], cwd: string, lockFile: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of inputs) {
    if (input.includes('node_modules') || input.startsWith('<')) continue;
    const path = isAbsolute(input) ? input : join(cwd, input);
    out[path] = fingerprint(path);
  }
  out[lockFile] = fingerprint(lockFile);
  return out;
}

function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    const fresh = Object.entries(manifest.inputs).every(([input, print]) => fingerprint(input) === print);
    return fresh && existsSync(manifest.outfile) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

export interface BundleRequest {
  /** Stable name of what is bundled (a function name, `runtime`, …). */
  name: string;
  entry: string;
  cacheDir: string;
  /** The project's package-lock.json: a dependency change invalidates every bundle. */
  lockFile: string;
  /** Extension of the output file (`.cjs`, `.mjs`). */
  extension: string;
  options: BuildOptions;
}

/**
 * Bundles `entry` with esbuild into `cacheDir`, reusing the previous bundle while none of its
 * (non-node_modules) inputs changed. Each build gets a new file name, so a process that already
 * loaded the old bundle keeps it and a new one loads the new code.
 */
export async function bundleCached(request: BundleRequest): Promise<CachedBundle> {
  const cacheDir = resolve(request.cacheDir);
  mkdirSync(cacheDir, { recursive: true });
  const manifestPath = join(cacheDir, `${request.name}.json`);
  const cached = readManifest(manifestPath);
  if (cached) return { outfile: cached.outfile, built: false };
  const stamp = createHash('sha1').update(`${request.entry}:${Date.now()}:${Math.random()}`).digest('hex');
  const outfile = join(cacheDir, `${request.name}-${stamp.slice(0, 10)}${request.extension}`);
  const cwd = request.options.absWorkingDir ?? process.cwd();
  try {
    const result = await build({
      ...request.options,
      entryPoints: [request.entry],
      outfile,
      metafile: true,
      write: true,
    });
    const inputs = watchedInputs(Object.keys(result.metafile.inputs), cwd, request.lockFile);
    writeFileSync(manifestPath, JSON.stringify({ outfile, inputs } satisfies Manifest));
  } catch (error) {
    throw new SeislessError(`${request.entry}: bundling failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { outfile, built: true };
}
