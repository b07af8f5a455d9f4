import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './entryUsers';

const POLL_MS = 200;

function holderAlive(lockDir: string): boolean {
  try {
    return isAlive(Number(readFileSync(join(lockDir, 'pid'), 'utf8')));
  } catch {
    // No pid written yet, or the lock is gone.
    return false;
  }
}

/**
 * Runs `work` while holding a lock on `folder`, shared by every process on this machine.
 * serverless-esbuild builds in `<service>/.esbuild`, so two clouds packaging the same service at
 * once would overwrite each other's bundles; the lock (an atomic mkdir) serialises them. A lock
 * whose holder has died is taken over.
 */
export async function withFolderLock<T>(
  folder: string,
  work: () => Promise<T>,
  onWait: () => void = () => undefined,
): Promise<T> {
  const id = createHash('sha256').update(folder).digest('hex').slice(0, 16);
  const lockDir = join(tmpdir(), `seisless-package-${id}.lock`);
  let waited = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (!waited) onWait();
      waited = true;
      await sleep(POLL_MS);
      // Re-check after the wait: a holder that just created the folder has written its pid by now.
      if (!holderAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
