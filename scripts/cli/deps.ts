import { appendFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '@seisless/core';
import { awsSession } from './awsSession';
import { checkDataDir, type DataDirSource } from './checkDataDir';
import { hasLocalRunTrace } from './localRunTrace';
import { type LocalCloudSettings, localSession } from './localSession';
import type { CloudSession } from './session';
import type { Target } from './targetOptions';

/** Extra settings for connecting to a cloud (local only: fault injection). */
export interface ConnectOptions {
  readonly faults?: unknown;
  /**
   * The run the command reads (status, resume, report): on the local cloud, a run its data folder
   * holds no trace of is refused before the cloud starts (a typo costs no start-up, writes nothing).
   */
  readonly existingRun?: string;
}

/** Everything a command touches outside itself, so tests can hand in fakes. */
export interface CliDeps {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** stderr is a terminal: progress may redraw one line. */
  readonly interactive: boolean;
  readonly cwd: string;
  readonly repoRoot: string;
  /**
   * Local state (the local cloud's data, reports): SEISLESS_DATA_DIR (as for `npm run cloud`), else
   * `.seisless/` under the working directory.
   */
  readonly dataDir: string;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  connect(target: Target, options?: ConnectOptions): Promise<CloudSession>;
}

/**
 * The local cloud's own log lines go to `<dataDir>/local-cloud.log`, keeping stderr for progress.
 * The folder is made at the first line, so that a refusal before start-up writes nothing.
 */
function logTo(dataDir: string): (line: string) => void {
  const file = join(dataDir, 'local-cloud.log');
  let made = false;
  return (line) => {
    if (!made) mkdirSync(dataDir, { recursive: true });
    made = true;
    appendFileSync(file, `${new Date().toISOString()} ${line.replace(/\n$/, '')}\n`);
  };
}

/** The data folder and how to name it in a message: SEISLESS_DATA_DIR, or the default. */
function chooseDataDir(cwd: string, given: string | undefined): { dir: string; source: DataDirSource } {
  const fromEnv = process.env.SEISLESS_DATA_DIR;
  if (given === undefined && fromEnv !== undefined && fromEnv !== '') {
    return {
      dir: resolve(cwd, fromEnv),
      source: { name: 'SEISLESS_DATA_DIR', remedy: 'set SEISLESS_DATA_DIR to a writable folder' },
    };
  }
  return {
    dir: given ?? join(cwd, '.seisless'),
    source: {
      name: "the local cloud's data folder",
      remedy: 'run seisless from a writable folder, or set SEISLESS_DATA_DIR to one',
    },
  };
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
  const { dir: dataDir, source: dataDirSource } = chooseDataDir(cwd, where.dataDir);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    interactive: process.stderr.isTTY === true,
    cwd,
    repoRoot,
    dataDir,
    now: () => new Date(),
    sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
    connect: async (target, options = {}) => {
      if (target.aws) return awsSession(target);
      if (
        options.existingRun !== undefined &&
        !hasLocalRunTrace(dataDir, target.stage, options.existingRun)
      ) {
        throw new InputError(
          `run '${options.existingRun}' not found in the local cloud (${dataDir}); check the run id, or add --aws --stage <stage> for a deployed run`,
        );
      }
      // Before the cloud starts: its first write would otherwise fail half-way through start-up.
      checkDataDir(dataDir, dataDirSource);
      return localSession({
        dataDir,
        stage: target.stage,
        faults: options.faults,
        ...(where.localCloud === undefined ? {} : { cloudOptions: where.localCloud }),
        log: logTo(dataDir),
      });
    },
  };
}
