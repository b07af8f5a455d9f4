import type { Readable } from 'node:stream';
import { FLUSH_MARKERS } from './protocol';

/** The first character of a flush marker (never in a function's text output). */
const MARKER_START = '\u0000';

/**
 * One output stream (stdout or stderr) of an execution environment: passes its text to the log
 * without the runtime's flush markers, and resolves `flushed(requestId)` once that invocation's
 * marker has been read (everything the invocation wrote before it has then been logged).
 */
export class OutputStream {
  private held = '';
  private readonly seen = new Set<string>();
  private readonly waiting = new Map<string, () => void>();

  constructor(stream: Readable | null, log: (text: string) => void) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const text = this.held + chunk;
      // A marker split across two reads: keep its start until the rest arrives.
      const open = text.lastIndexOf(MARKER_START);
      const complete = open === -1 || text.indexOf('\n', open) !== -1;
      this.held = complete ? '' : text.slice(open);
      const ready = complete ? text : text.slice(0, open);
      const output = ready.replace(FLUSH_MARKERS, (_, requestId: string) => {
        this.mark(requestId);
        return '';
      });
      if (output) log(output);
    });
  }

  /** Resolves when the marker of `requestId` has been read. */
  flushed(requestId: string): Promise<void> {
    if (this.seen.delete(requestId)) return Promise.resolve();
    return new Promise((resolve) => this.waiting.set(requestId, resolve));
  }

  /** Releases every waiter (the process exited: nothing more will arrive). */
  close(): void {
    for (const resolve of this.waiting.values()) resolve();
    this.waiting.clear();
  }

  private mark(requestId: string): void {
    const resolve = this.waiting.get(requestId);
    if (resolve) {
      this.waiting.delete(requestId);
      resolve();
    } else this.seen.add(requestId);
  }
}
