import { spawn } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants } from 'node:os';

export interface ProcessExit {
  exitCode?: number;
  /** Set when the process could not be started at all. */
  startError?: string;
}

export interface JobProcess {
  /** Resolves once the process runs (`spawn`), rejects when it cannot start. */
  started: Promise<void>;
  exited: Promise<ProcessExit>;
  /** Signals the whole process group (the job and everything it started). */
  signal(signal: NodeJS.Signals): void;
}

export interface SpawnOptions {
  program: string[];
  cwd: string;
  env: Record<string, string>;
  logFile: string;
  header: string;
}

/** A signal's conventional exit status (128 + number), as a container runtime reports it. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/**
 * Starts a job's program in its own process group (so that killing the job kills everything it
 * started, MPI ranks included), appending its output to the job's log file.
 */
export function spawnJob(options: SpawnOptions): JobProcess {
  const fd = openSync(options.logFile, 'a');
  writeSync(fd, options.header);
  const [program = 'false', ...args] = options.program;
  const child = spawn(program, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let startError: string | undefined;
  const started = new Promise<void>((resolve, reject) => {
    child.once('spawn', () => resolve());
    child.once('error', (error) => {
      startError = error.message;
      reject(error);
    });
  });
  started.catch(() => undefined);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('close', (code, signal) => {
      if (startError !== undefined) resolve({ startError });
      else resolve({ exitCode: code ?? (signal ? signalExitCode(signal) : undefined) });
    });
  });
  return {
    started,
    exited,
    signal: (signal) => {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        // the group is already gone
      }
    },
  };
}
