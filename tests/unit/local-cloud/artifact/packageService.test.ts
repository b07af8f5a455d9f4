import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { packageService } from '../../../../scripts/local-cloud/artifact/packageService';

/**
 * A project whose `serverless` writes a file into its temporary folder (as serverless-esbuild
 * does, and leaves there), records that folder's path in outDir, and exits with `exitCode`.
 */
function fakeProject(exitCode: number) {
  const root = mkdtempSync(join(tmpdir(), 'seisless-package-test-'));
  const bin = join(root, 'node_modules', '.bin');
  mkdirSync(bin, { recursive: true });
  const serverless = join(bin, 'serverless');
  writeFileSync(
    serverless,
    [
      '#!/bin/sh',
      'out="$7"',
      'mkdir -p "$out" "$TMPDIR/assemble-1-2-3/src"',
      'echo bundle > "$TMPDIR/assemble-1-2-3/src/handler.js"',
      'echo "$TMPDIR" > "$out/tmpdir.txt"',
      `exit ${exitCode}`,
      '',
    ].join('\n'),
  );
  chmodSync(serverless, 0o755);
  const command = {
    serviceDir: root,
    outDir: join(root, 'out'),
    stage: 'local',
    region: 'us-east-1',
    rootDir: root,
  };
  return { root, command, scratch: () => readFileSync(join(command.outDir, 'tmpdir.txt'), 'utf8').trim() };
}

describe('packageService', () => {
  it('gives serverless a temporary folder of its own and removes it with what was left in it', async () => {
    // Arrange
    const project = fakeProject(0);

    try {
      // Act
      await packageService(project.command);

      // Assert
      const scratch = project.scratch();
      expect(basename(scratch)).toMatch(/^seisless-package-tmp-/);
      expect(scratch.startsWith(tmpdir())).toBe(true);
      expect(existsSync(scratch)).toBe(false);
    } finally {
      rmSync(project.root, { recursive: true, force: true });
    }
  });

  it('removes the temporary folder of a packaging that fails too', async () => {
    const project = fakeProject(3);

    try {
      await expect(packageService(project.command)).rejects.toThrow(
        /exited with 3; expected a packaged service/,
      );

      expect(existsSync(project.scratch())).toBe(false);
    } finally {
      rmSync(project.root, { recursive: true, force: true });
    }
  });
});
