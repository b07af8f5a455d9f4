import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Source files whose relative imports are followed out of the service folder. */
const SOURCE_FILE = /\.(ts|mts|cts|js|mjs|cjs|json)$/;
/** Folders that are outputs or dependencies, never inputs. */
const SKIPPED_DIRS = new Set(['node_modules', '.serverless', '.esbuild', '.build', 'dist', '__pycache__']);
/** Extensions esbuild tries for an import without one, in its order. */
const IMPORT_SUFFIXES = ['', '.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '/index.ts', '/index.js'];

/** Every file under `dir` (recursively), skipping output and dependency folders. */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...filesUnder(path));
    } else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** The files a YAML/JSON file pulls in with `${file(<path>)…}`, resolved against its folder, recursively. */
export function pulledInFiles(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file) || !existsSync(file)) return [];
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/\$\{file\(\s*([^)$]+?)\s*\)/g)) {
    const target = resolve(dirname(file), match[1] ?? '');
    pulledInFiles(target, seen);
  }
  return [...seen].filter((path) => path !== file);
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  for (const suffix of IMPORT_SUFFIXES) {
    const candidate = base + suffix;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  // TypeScript sources imported with a `.js` suffix.
  const ts = base.replace(/\.js$/, '.ts');
  return ts !== base && existsSync(ts) ? ts : undefined;
}

/**
 * Source files outside `serviceDir` that its sources reach through relative imports (a fixture's
 * shared helper, say), followed transitively; package imports are covered by the lock file.
 */
export function importedFromOutside(serviceDir: string, sources: string[]): string[] {
  const seen = new Set(sources);
  const outside = new Set<string>();
  const queue = sources.filter((file) => SOURCE_FILE.test(file));
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:from|import|require)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolveImport(file, match[1] ?? '');
      if (target === undefined || seen.has(target)) continue;
      seen.add(target);
      if (relative(serviceDir, target).startsWith('..')) outside.add(target);
      if (SOURCE_FILE.test(target)) queue.push(target);
    }
  }
  return [...outside];
}
