import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

function isFresh(manifest: Manifest): boolean {
  if (!existsSync(manifest.outfile)) return false;
  return Object.entries(manifest.inputs).every(([input, print]) => fingerprint(input) === print);
}

/** A bundle this recent may have been built by a concurrent session, which is about to load it. */
const PRUNE_AFTER_MS = 10 * 60_000;

/**
 * Removes the bundles of `name` (and their source maps) other than `keep` (the new one and the
 * one it replaces, which a session started before this build may still be about to load) and
 * than any built in the last ten minutes. Without this every source change left a bundle
 * behind (hundreds of MB over a few days of work).
 */
function pruneBundles(cacheDir: string, name: string, extension: string, keep: string[]): void {
  const kept = new Set(keep.flatMap((file) => [file, `${file}.map`]));
  for (const entry of readdirSync(cacheDir)) {
    const suffix = [`${extension}.map`, extension].find((end) => entry.endsWith(end));
    const stamp = suffix && entry.startsWith(`${name}-`) ? entry.slice(name.length + 1, -suffix.length) : '';
    const path = join(cacheDir, entry);
    if (!/^[0-9a-f]{10}$/.test(stamp) || kept.has(path)) continue;
    if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { force: true });
  }
}

export interface BundleRequest {
  /** Stable name of what is bundled (`lambda-runtime`, `s3`, …). */
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
  const previous = readManifest(manifestPath);
  if (previous && isFresh(previous)) return { outfile: previous.outfile, built: false };
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
    pruneBundles(cacheDir, request.name, request.extension, [outfile, previous?.outfile ?? outfile]);
  } catch (error) {
    throw new SeislessError(`${request.entry}: bundling failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { outfile, built: true };
}
