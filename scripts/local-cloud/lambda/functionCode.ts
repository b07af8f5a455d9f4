import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { join } from 'node:path';
import { SeislessError } from '@seisless/core';
import { extractZip } from './artifactZip';

/** An extracted folder this recent may belong to a concurrent session that is about to load it. */
const PRUNE_AFTER_MS = 10 * 60_000;
/** How often (ms) a warm function checks whether its artifact changed. */
const FRESHNESS_CHECK_MS = 1000;

export interface UnpackRequest {
  functionName: string;
  /** The zip `serverless package` wrote for the function. */
  artifact: string;
  cacheDir: string;
}

/** Size and modification time: cheap to read, changes whenever the file is rewritten. */
function fingerprint(path: string): string {
  const stat = statSync(path);
  return `${stat.size}:${stat.mtimeMs}`;
}

/**
 * Removes the extracted artifacts of one function other than `keep`, and leftovers of interrupted
 * extractions, once they are older than ten minutes (a folder a running environment still uses
 * is extracted again when a new environment needs it).
 */
function pruneSuperseded(functionDir: string, keep: string): void {
  for (const entry of readdirSync(functionDir)) {
    const path = join(functionDir, entry);
    if (path === keep || !/^([0-9a-f]{16}|\.extract-.+)$/.test(entry)) continue;
    if (Date.now() - statSync(path).mtimeMs > PRUNE_AFTER_MS) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * Extracts a function's artifact into `<cacheDir>/lambda/<function>/<content hash>/` once, and
 * returns that folder (the function's `LAMBDA_TASK_ROOT`). The extraction goes to a temporary
 * folder renamed into place, so a concurrent session never sees half an artifact.
 */
export async function unpackArtifact(request: UnpackRequest): Promise<string> {
  const { functionName, artifact } = request;
  if (!existsSync(artifact)) {
    throw new SeislessError(
      `${functionName}: artifact ${artifact} not found; package the service (serverless package)`,
    );
  }
  const zip = readFileSync(artifact);
  const hash = createHash('sha256').update(zip).digest('hex').slice(0, 16);
  const functionDir = join(request.cacheDir, 'lambda', functionName);
  const taskRoot = join(functionDir, hash);
  if (existsSync(taskRoot)) return taskRoot;
  mkdirSync(functionDir, { recursive: true });
  const temporary = mkdtempSync(join(functionDir, '.extract-'));
  try {
    await extractZip(zip, temporary, artifact);
    renameSync(temporary, taskRoot);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    // Another session extracted the same artifact first: theirs is identical.
    if (!existsSync(taskRoot)) throw error;
  }
  pruneSuperseded(functionDir, taskRoot);
  return taskRoot;
}

/**
 * The code of one function: its extracted artifact, checked at most once a second for a new
 * package at the same path (then extracted again, so new environments run the new code).
 */
export class FunctionCode {
  private current?: { taskRoot: string; fingerprint: string; checkedAt: number };
  private unpacking?: Promise<string>;

  constructor(private readonly request: UnpackRequest) {}

  taskRoot(): Promise<string> {
    const { current } = this;
    if (current && Date.now() - current.checkedAt < FRESHNESS_CHECK_MS)
      return Promise.resolve(current.taskRoot);
    this.unpacking ??= this.refresh().finally(() => {
      this.unpacking = undefined;
    });
    return this.unpacking;
  }

  private async refresh(): Promise<string> {
    const { artifact } = this.request;
    const print = existsSync(artifact) ? fingerprint(artifact) : 'missing';
    const { current } = this;
    const unchanged = current?.fingerprint === print && existsSync(current.taskRoot);
    const taskRoot = unchanged ? current.taskRoot : await unpackArtifact(this.request);
    // In use: another session's pruning leaves folders touched in the last ten minutes alone.
    const now = new Date();
    utimesSync(taskRoot, now, now);
    this.current = { taskRoot, fingerprint: print, checkedAt: Date.now() };
    return taskRoot;
  }
}
