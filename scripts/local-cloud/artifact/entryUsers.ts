import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folder of a cache entry where each process using it leaves its pid. */
const USERS_DIR = '.users';

/** Whether a process runs (EPERM: it does, under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function users(entry: string): number[] {
  const folder = join(entry, USERS_DIR);
  return existsSync(folder) ? readdirSync(folder).map(Number) : [];
}

/** Marks the entry as used by this process (and forgets processes that have ended). */
export function claimEntry(entry: string): void {
  const folder = join(entry, USERS_DIR);
  mkdirSync(folder, { recursive: true });
  for (const pid of users(entry)) if (!isAlive(pid)) rmSync(join(folder, String(pid)), { force: true });
  writeFileSync(join(folder, String(process.pid)), '');
}

/** Whether a live process other than this one uses the entry (a running cloud's Lambdas read its zips). */
export function entryInUse(entry: string): boolean {
  return users(entry).some((pid) => pid !== process.pid && isAlive(pid));
}
