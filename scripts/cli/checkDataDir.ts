import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EnvironmentError } from './environmentError';

/** Where the data folder came from, for the message: the variable, or the default's own words. */
export interface DataDirSource {
  /** `SEISLESS_DATA_DIR`, or `the data folder` for the default `.seisless/`. */
  readonly name: string;
  /** What to do about it. */
  readonly remedy: string;
}

/** Why a folder cannot take new files (creating one is the test: `access` says yes to root). */
function unwritableReason(folder: string): string | undefined {
  try {
    rmdirSync(mkdtempSync(join(folder, '.seisless-probe-')));
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

/** The folder itself, or its nearest ancestor that exists (where creating it would start). */
function nearestExisting(dir: string): string {
  let current = dir;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/**
 * Checks, before the local cloud starts and writes anything, that `dir` (absolute) is a writable
 * folder or can be created as one; throws an EnvironmentError naming the folder and what to do.
 */
export function checkDataDir(dir: string, source: DataDirSource): void {
  const existing = nearestExisting(dir);
  const creating = existing !== dir;
  if (!statSync(existing).isDirectory()) {
    const what = creating ? `cannot be created (${existing} is a file)` : 'is a file, not a folder';
    throw new EnvironmentError(`${source.name}: ${dir} ${what}; ${source.remedy}`);
  }
  const reason = unwritableReason(existing);
  if (reason === undefined) return;
  const what = creating
    ? `cannot be created (${existing} is not writable: ${reason})`
    : `is not writable (${reason})`;
  throw new EnvironmentError(`${source.name}: ${dir} ${what}; ${source.remedy}`);
}
