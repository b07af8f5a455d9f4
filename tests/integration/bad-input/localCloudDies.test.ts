import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lsrtmSpec } from '../../support/runSpecs';
import { LAUNCHER, processesMarked } from './harness';

/** The local cloud's S3 server among the run's processes (scripts/local-cloud/child.ts bundles it as `s3-…`). */
function s3ServerOf(marker: string): number | undefined {
  return processesMarked(marker).find((pid) => {
    try {
      return /[/]s3-[^/]*\.c?js/.test(readFileSync(`/proc/${pid}/cmdline`, 'latin1'));
    } catch {
      return false;
    }
  });
}

describe('a local cloud that dies under a run', () => {
  let cwd: string;
  let marker: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'seisless-cloud-dies-'));
    marker = `seisless-cloud-dies-${randomUUID()}`;
  });
  afterEach(() => {
    // A failed case must not leave its run behind for the next test file.
    for (const pid of processesMarked(marker)) process.kill(pid, 'SIGKILL');
    rmSync(cwd, { recursive: true, force: true });
  });

  it('ends the run with exit 1 and one line saying what to do, and leaves nothing running', async () => {
    // Arrange: a run under way on its own local cloud.
    writeFileSync(join(cwd, 'spec.json'), JSON.stringify(lsrtmSpec()));
    const child = spawn(process.execPath, [LAUNCHER, 'run', 'spec.json'], {
      cwd,
      env: { ...process.env, SEISLESS_BAD_INPUT_CASE: marker },
    });
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const underWay = new Promise<void>((done) =>
      child.stderr.on('data', (text: Buffer) => {
        stderr += text.toString();
        if (/\] (preparing inputs|iteration \d)/.test(stderr)) done();
      }),
    );
    await Promise.race([underWay, exited]);

    // Act: its S3 server dies, as when the machine's OOM killer picks it.
    const s3 = s3ServerOf(marker);
    expect(s3).toBeDefined();
    process.kill(s3 as number, 'SIGKILL');
    const code = await exited;

    // Assert
    const lines = stderr.trim().split('\n');
    expect(code).toBe(1);
    expect(lines.at(-1)).toMatch(
      /^seisless: error: the local cloud's S3 at http:\/\/127\.0\.0\.1:\d+ does not answer \(ECONNREFUSED\); its server stopped \(see \S+local-cloud\.log\); continue the run with `seisless resume <runId>`$/,
    );
    expect(lines.filter((line) => line.startsWith('seisless: error:'))).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(processesMarked(marker)).toEqual([]);
  }, 300_000);
});
