/**
 * One Ctrl-C of `npm run cloud`, as a terminal does it: the local cloud runs as the leader of its
 * own process group, and SIGINT goes to the whole group once the JSON line is out. Also runnable:
 * `node --import tsx tests/integration/local-cloud/support/ctrlC.ts [runs=50] [SIGINT|SIGTERM]`
 * runs it that many times in a row and prints how many shutdowns were clean.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** Shared by every run: packaging the services happens once, later starts take about a second. */
export const WARM_CACHE_DIR = join(tmpdir(), 'seisless-ctrl-c-cache');
const START_TIMEOUT_MS = 120000;
const STOP_TIMEOUT_MS = 20000;

export interface ShutdownResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** Processes still in the group after the exit (and a short grace for the kernel to reap). */
  groupLeft: boolean;
  /** Why the run is not clean; empty when it is. */
  problems: string[];
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function groupGone(pgid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Starts the local cloud on a fresh data folder, waits for its JSON line, signals the group. */
export async function startAndInterrupt(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT'): Promise<ShutdownResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'seisless-ctrl-c-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/local-cloud/main.ts', '--data-dir', dataDir, '--cache-dir', WARM_CACHE_DIR],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const pgid = child.pid as number;
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, exitSignal) => resolve({ code, signal: exitSignal })),
  );
  const problems: string[] = [];
  try {
    const ready = await Promise.race([
      new Promise<boolean>((resolve) =>
        createInterface({ input: child.stdout }).once('line', (line) => resolve(line.startsWith('{'))),
      ),
      exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), START_TIMEOUT_MS).unref()),
    ]);
    if (!ready) problems.push('no JSON line before exit or timeout');
    process.kill(-pgid, signal);
    const exit = await Promise.race([
      exited,
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), STOP_TIMEOUT_MS).unref()),
    ]);
    if (exit === undefined) problems.push(`still running ${STOP_TIMEOUT_MS} ms after ${signal}`);
    const left = !(await groupGone(pgid, 3000));
    if (left) problems.push('processes left in the group');
    if (exit && (exit.code !== 0 || exit.signal !== null)) {
      problems.push(`exit code ${exit.code}, signal ${exit.signal}`);
    }
    if (/Unhandled|EPIPE|^\s+at /m.test(stderr)) problems.push('error or stack trace on stderr');
    return { code: exit?.code ?? null, signal: exit?.signal ?? null, stderr, groupLeft: left, problems };
  } finally {
    if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function loop(runs: number, signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  let clean = 0;
  for (let run = 1; run <= runs; run++) {
    const started = Date.now();
    const result = await startAndInterrupt(signal);
    if (result.problems.length === 0) clean++;
    else process.stdout.write(`run ${run}: ${result.problems.join('; ')}\n${result.stderr}\n`);
    process.stdout.write(
      `run ${run}: ${result.problems.length === 0 ? 'clean' : 'NOT clean'} (${Date.now() - started} ms)\n`,
    );
  }
  process.stdout.write(`${clean}/${runs} clean ${signal} shutdowns\n`);
  process.exitCode = clean === runs ? 0 : 1;
}

if (require.main === module) {
  const runs = Number(process.argv[2] ?? 50);
  const signal = process.argv[3] === 'SIGTERM' ? 'SIGTERM' : 'SIGINT';
  void loop(runs, signal);
}
