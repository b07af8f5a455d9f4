import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { awsSession } from './awsSession';
import { type LocalCloudSettings, localSession } from './localSession';
import type { CloudSession } from './session';
import type { Target } from './targetOptions';

/** Extra settings for connecting to a cloud (local only: fault injection). */
export interface ConnectOptions {
  readonly faults?: unknown;
}

/** Everything a command touches outside itself, so tests can hand in fakes. */
export interface CliDeps {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stderr is a terminal: progress may redraw one line. */
  readonly interactive: boolean;
  readonly cwd: string;
  readonly repoRoot: string;
  /** Local state (the local cloud's data, reports): `.seisless/` under the working directory. */
  readonly dataDir: string;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  connect(target: Target, options?: ConnectOptions): Promise<CloudSession>;
}

/** The local cloud's own log lines go to `.seisless/local-cloud.log`, keeping stderr for progress. */
function logTo(dataDir: string): (line: string) => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'local-cloud.log');
  return (line) => appendFileSync(file, `${new Date().toISOString()} ${line.replace(/\n$/, '')}\n`);
}

/**
 * The real dependencies of the `seisless` process; `repoRoot` holds state-machines/, scripts/, .venv/.
 * `localCloud` passes further settings to the embedded local cloud (tests).
 */
export function processDeps(
  repoRoot: string,
  where: { cwd?: string; dataDir?: string; localCloud?: LocalCloudSettings } = {},
): CliDeps {
  const cwd = where.cwd ?? process.cwd();
  const dataDir = where.dataDir ?? join(cwd, '.seisless');
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    cwd,
    repoRoot,
    dataDir,
    now: () => new Date(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    connect: async (target, options = {}) =>
      target.aws
        ? awsSession(target)
        : localSession({
            dataDir,
            stage: target.stage,
            faults: options.faults,
            ...(where.localCloud === undefined ? {} : { cloudOptions: where.localCloud }),
            log: logTo(dataDir),
          }),
  };
}
