import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDataDir } from '../../../scripts/cli/checkDataDir';
import { EnvironmentError } from '../../../scripts/cli/environmentError';

const source = { name: 'SEISLESS_DATA_DIR', remedy: 'set it to a writable folder' };
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'data-dir-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

function refusal(path: string): string {
  try {
    checkDataDir(path, source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvironmentError);
    return (error as Error).message;
  }
  throw new Error(`accepted ${path}`);
}

describe('checkDataDir: the local data folder is checked before the cloud writes to it', () => {
  it('accepts a writable folder, or one that can be created below a writable one, writing nothing', () => {
    mkdirSync(join(dir, 'data'));
    checkDataDir(join(dir, 'data'), source);
    checkDataDir(join(dir, 'new', 'deeper'), source);
    expect(readdirSync(dir)).toEqual(['data']);
    expect(readdirSync(join(dir, 'data'))).toEqual([]);
  });

  it('refuses a file where the folder should be, or on its path', () => {
    writeFileSync(join(dir, 'file'), 'x');
    expect(refusal(join(dir, 'file'))).toBe(
      `SEISLESS_DATA_DIR: ${join(dir, 'file')} is a file, not a folder; set it to a writable folder`,
    );
    expect(refusal(join(dir, 'file', 'data'))).toBe(
      `SEISLESS_DATA_DIR: ${join(dir, 'file', 'data')} cannot be created (${join(dir, 'file')} is a file); set it to a writable folder`,
    );
  });

  it('refuses a folder no new file can be made in', () => {
    // /proc takes no new entries, even from root (chmod does not stop root).
    expect(refusal('/proc/seisless-data')).toMatch(
      /^SEISLESS_DATA_DIR: \/proc\/seisless-data cannot be created \(\/proc is not writable: E[A-Z]+\); set it to a writable folder$/,
    );
  });
});
