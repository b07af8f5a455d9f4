/** How a request uses an object: reads share it, writes have it to themselves. */
export type LockMode = 'shared' | 'exclusive';

interface Waiter {
  readonly mode: LockMode;
  readonly grant: () => void;
}

interface KeyState {
  readers: number;
  writer: boolean;
  readonly queue: Waiter[];
}

/**
 * Readers–writer locks by object key, granted in arrival order (a waiting writer holds back later
 * readers, so writes are not starved). s3rver writes an object's data and then its metadata in
 * place; holding the key exclusively for the whole PUT makes the write atomic to readers, and
 * makes a conditional write's check-then-write one step, as S3 does.
 *
 * @example
 * const locks = new KeyLocks();
 * const release = await locks.acquire('bucket/key', 'exclusive');
 * try { await write(); } finally { release(); }
 */
export class KeyLocks {
  private readonly keys = new Map<string, KeyState>();

  /** Resolves, once granted, to the function that releases the lock (calling it twice is harmless). */
  acquire(key: string, mode: LockMode): Promise<() => void> {
    const state = this.stateOf(key);
    return new Promise((resolve) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (mode === 'exclusive') state.writer = false;
        else state.readers -= 1;
        this.grantWaiting(key, state);
      };
      state.queue.push({ mode, grant: () => resolve(release) });
      this.grantWaiting(key, state);
    });
  }

  /** Keys currently locked or waited for (for tests). */
  get size(): number {
    return this.keys.size;
  }

  private stateOf(key: string): KeyState {
    let state = this.keys.get(key);
    if (state === undefined) {
      state = { readers: 0, writer: false, queue: [] };
      this.keys.set(key, state);
    }
    return state;
  }

  private grantWaiting(key: string, state: KeyState): void {
    for (let next = state.queue[0]; next !== undefined; next = state.queue[0]) {
      const free = next.mode === 'exclusive' ? !state.writer && state.readers === 0 : !state.writer;
      if (!free) break;
      state.queue.shift();
      if (next.mode === 'exclusive') state.writer = true;
      else state.readers += 1;
      next.grant();
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) this.keys.delete(key);
  }
}
