/**
 * The child half of a child server (s3rver, fauxqs): configuration in, readiness and failures out.
 * Kept free of project imports so the child bundles stay small and load with plain node.
 */
import type { ChildMessage } from './child';

/** Child side: reads the configuration and reports readiness, failure and stop requests. */
export const childSide = {
  config<T>(): T {
    return JSON.parse(process.env.SEISLESS_CHILD_CONFIG ?? '{}') as T;
  },
  ready(port: number): void {
    process.send?.({ type: 'ready', port });
  },
  fail(error: unknown): void {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    process.disconnect?.();
  },
  /** Runs `close` on a stop request or when the parent goes away, then exits. */
  onStop(close: () => Promise<void>): void {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      close().finally(() => process.exit(0));
    };
    process.on('message', (message: ChildMessage) => {
      if (message.type === 'stop') stop();
    });
    process.on('disconnect', stop);
    // Ctrl-C signals the whole process group; while connected, the parent decides the order of
    // shutdown and asks over IPC (or goes away, which disconnects), so the signal waits for that.
    const onSignal = (): void => {
      if (!process.connected) stop();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  },
};
