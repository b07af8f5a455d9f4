import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
export const LAUNCHER = join(ROOT, 'scripts', 'cli', 'seisless.mjs');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const CLOUD_MAIN = join(ROOT, 'scripts', 'local-cloud', 'main.ts');
/** Longer than any refusal should take: a case that hangs fails instead of holding the suite. */
const CASE_TIMEOUT_MS = 60_000;

/** Environment changes: `undefined` removes a variable. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** One bad input and the answer it must get. */
export interface BadInputCase {
  readonly name: string;
  /**
   * `seisless` (the real launcher, scripts/cli/seisless.mjs) or `cloud` (what `npm run cloud`
   * runs, without npm's own lines around it).
   */
  readonly program: 'seisless' | 'cloud';
  /** The arguments the person typed after the program. */
  readonly args: readonly string[];
  /** Files written into the case's fresh working folder first; bytes as they are, others as JSON. */
  readonly files?: Readonly<Record<string, unknown>>;
  /**
   * Files written into the case's own data folder first (SEISLESS_DATA_DIR, e.g. the local
   * bucket's objects `s3/<bucket>/<key>._S3rver_object`); the folder exists only when some are given.
   */
  readonly dataFiles?: Readonly<Record<string, unknown>>;
  /**
   * Environment changes; `undefined` removes a variable. A function is called when the case runs.
   * SEISLESS_DATA_DIR is the case's data folder unless changed here.
   */
  readonly env?: Environment | (() => Environment);
  /** Further set-up of the working folder (runs after `files`, before the snapshot). */
  readonly prepare?: (cwd: string) => void;
  readonly exitCode: number;
  /** The one stderr line: exactly this text, or a match of this pattern. */
  readonly line: string | RegExp;
  /**
   * Progress lines the program prints before its answer (e.g. `seisless run`'s memory estimate):
   * each further stderr line must match one of these, and is not the answer.
   */
  readonly progressLines?: readonly RegExp[];
}

/** What a case did: its exit, output, time, what it changed and what it left running. */
export interface CaseResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /**
   * Paths created, changed or removed by the run: `work/…` under the working folder, `data/…`
   * under the data folder (`data` itself when the run created or removed it).
   */
  readonly changed: readonly string[];
  /** Processes still alive that descend from the run (they carry its marker variable). */
  readonly leftRunning: readonly number[];
}

/** Every file and folder under `dir` with its size and modification time. */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const stats = statSync(path, { throwIfNoEntry: false });
      if (stats === undefined) continue;
      entries.set(path.slice(dir.length + 1), `${stats.size}:${stats.mtimeMs}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return entries;
}

/**
 * The working folder's entries as `work/…` and the data folder's as `data/…`, with `data` itself
 * while it exists: the checks' own probe (a folder made and removed) changes the mtime of the
 * folder it probes, never an entry under it, so neither folder's own mtime is compared.
 */
function snapshotCase(folders: CaseFolders): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [path, stamp] of snapshot(folders.cwd)) entries.set(`work/${path}`, stamp);
  if (existsSync(folders.dataDir)) {
    entries.set('data', 'a folder');
    for (const [path, stamp] of snapshot(folders.dataDir)) entries.set(`data/${path}`, stamp);
  }
  return entries;
}

function differences(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

/**
 * Processes whose environment holds `marker`: every descendant of the run inherits it, even one
 * that started its own process group or was re-parented to init when the run exited.
 */
export function processesMarked(marker: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(join('/proc', name, 'environ'), 'latin1').includes(marker)) found.push(Number(name));
    } catch {
      // The process ended while we looked, or is not ours to read: either way not left running.
    }
  }
  return found;
}

function commandOf(c: BadInputCase): string[] {
  return c.program === 'seisless' ? [LAUNCHER, ...c.args] : ['--import', TSX, CLOUD_MAIN, ...c.args];
}

function environmentOf(c: BadInputCase, marker: string, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SEISLESS_BAD_INPUT_CASE: marker,
    SEISLESS_DATA_DIR: dataDir,
  };
  const changes = typeof c.env === 'function' ? c.env() : (c.env ?? {});
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** A case's working folder and its data folder (SEISLESS_DATA_DIR), siblings in one temporary folder. */
interface CaseFolders {
  readonly cwd: string;
  readonly dataDir: string;
}

/** Writes `files` under `folder`: bytes as they are, others as JSON. */
function writeFiles(folder: string, files: Readonly<Record<string, unknown>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    const bytes = typeof content === 'string' || content instanceof Uint8Array;
    writeFileSync(join(folder, path), bytes ? content : JSON.stringify(content));
  }
}

/**
 * Runs one case in a fresh working folder with its own data folder (so a SEISLESS_DATA_DIR of the
 * environment running the suite is neither written nor read), as a child process, and reports
 * what it did: both folders are compared before and after.
 */
export function runCase(c: BadInputCase): CaseResult {
  const base = mkdtempSync(join(tmpdir(), 'seisless-bad-input-'));
  const folders: CaseFolders = { cwd: join(base, 'work'), dataDir: join(base, 'data') };
  try {
    mkdirSync(folders.cwd);
    writeFiles(folders.cwd, c.files ?? {});
    if (c.dataFiles !== undefined) {
      mkdirSync(folders.dataDir);
      writeFiles(folders.dataDir, c.dataFiles);
    }
    c.prepare?.(folders.cwd);
    const before = snapshotCase(folders);
    const marker = `seisless-bad-input-${randomUUID()}`;
    const started = Date.now();
    const result = spawnSync(process.execPath, commandOf(c), {
      cwd: folders.cwd,
      env: environmentOf(c, marker, folders.dataDir),
      encoding: 'utf8',
      timeout: CASE_TIMEOUT_MS,
    });
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      ms: Date.now() - started,
      changed: differences(before, snapshotCase(folders)),
      leftRunning: processesMarked(marker),
    };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

/** The non-empty lines of a text. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** The stderr lines of a case that are not its declared progress lines: its answer. */
export function answerLines(c: BadInputCase, stderr: string): string[] {
  const progress = c.progressLines ?? [];
  return linesOf(stderr).filter((line) => !progress.some((pattern) => pattern.test(line)));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The expected stderr line `prefix + message + suffix`: exact text, or, when `message` is a
 * pattern (e.g. a message that quotes Node's own wording), a pattern anchored at both ends.
 */
export function expectedLine(prefix: string, message: string | RegExp, suffix = ''): string | RegExp {
  if (typeof message === 'string') return `${prefix}${message}${suffix}`;
  return new RegExp(`^${escapeRegExp(prefix)}${message.source}.*${escapeRegExp(suffix)}$`);
}
