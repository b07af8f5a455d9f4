import { type ChildProcess, spawn } from 'node:child_process';
import { SeislessError } from '@seisless/core';
import { bundleInternal } from './internalBundle';

/** Messages a child server sends its parent over IPC. */
export type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'error'; message: string }
  | Record<string, unknown>;

export interface ChildServer {
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ChildOptions {
  name: string;
  /** TypeScript entry file, bundled with esbuild and run with plain node. */
  entry: string;
  /** `esm` for children that import ESM-only packages. */
  format: 'cjs' | 'esm';
  /** Extra Node flags (e.g. --openssl-legacy-provider). */
  nodeFlags?: string[];
  /** JSON-serialisable configuration, handed over in SEISLESS_CHILD_CONFIG. */
  config: unknown;
  /** Called for every message after `ready`. */
  onMessage?: (message: ChildMessage) => void;
  /** Where the child's own output goes. */
  log: (line: string) => void;
}

const STOP_GRACE_MS = 3000;

function forwardOutput(child: ChildProcess, name: string, log: (line: string) => void): void {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (text: string) => {
      for (const line of text.split('\n')) if (line.trim() !== '') log(`[${name}] ${line}`);
    });
  }
}

function waitReady(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void =>
      reject(new SeislessError(`${name} exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.once('message', (message: ChildMessage) => {
      child.off('exit', onExit);
      if (message.type === 'ready') resolve(Number(message.port));
      else
        reject(
          new SeislessError(`${name} failed to start: ${String((message as { message?: unknown }).message)}`),
        );
    });
  });
}

/**
 * Asks the child to close over IPC, or signals it when the channel is gone. On Ctrl-C the terminal
 * signals the whole process group, so the child may be exiting while we write: a failed send
 * (EPIPE) falls back to SIGTERM instead of surfacing as an error.
 */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    const terminate = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    };
    if (!child.connected) terminate();
    else child.send({ type: 'stop' }, (error) => error && terminate());
  });
}

/** Starts one server (s3rver, fauxqs) in its own Node process and waits for its port. */
export async function startChild(options: ChildOptions): Promise<ChildServer> {
  const program = await bundleInternal(options.name, options.entry, options.format);
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), program], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, SEISLESS_CHILD_CONFIG: JSON.stringify(options.config) },
  });
  forwardOutput(child, options.name, options.log);
  // IPC write failures (EPIPE while the child exits) would otherwise be unhandled 'error' events.
  child.on('error', (error) => {
    if (child.exitCode === null && child.signalCode === null)
      options.log(`[${options.name}] ${error.message}`);
  });
  const port = await waitReady(child, options.name);
  if (options.onMessage) child.on('message', options.onMessage);
  return { port, process: child, stop: () => stopChild(child) };
}
