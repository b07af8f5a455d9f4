import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InputError } from '@seisless/core';
import { processDeps } from '../../../scripts/cli/deps';
import { hasLocalRunTrace } from '../../../scripts/cli/localRunTrace';

const repoRoot = resolve(__dirname, '..', '..', '..');
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'local-run-trace-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

describe('hasLocalRunTrace: a local run is known from disk, without starting the cloud', () => {
  it('finds a run by its objects or by its recorded execution, and nothing else', () => {
    mkdirSync(join(dataDir, 's3', 'seisless-local-data', 'runs', 'with-objects'), { recursive: true });
    mkdirSync(join(dataDir, 'executions'));
    writeFileSync(join(dataDir, 'executions', 'failed-early.json'), '{}');

    expect(hasLocalRunTrace(dataDir, 'local', 'with-objects')).toBe(true);
    expect(hasLocalRunTrace(dataDir, 'local', 'failed-early')).toBe(true);
    expect(hasLocalRunTrace(dataDir, 'local', 'typo')).toBe(false);
    expect(hasLocalRunTrace(dataDir, 'other', 'with-objects')).toBe(false);
  });

  it('lets connect refuse a run id the data folder never saw, before the cloud starts or writes', async () => {
    const deps = processDeps(repoRoot, { dataDir });

    const connecting = deps.connect(
      { aws: false, stage: 'local', region: undefined },
      { existingRun: 'typo' },
    );

    await expect(connecting).rejects.toBeInstanceOf(InputError);
    await expect(connecting).rejects.toThrow(
      `run 'typo' not found in the local cloud (${dataDir}); check the run id, or add --aws --stage <stage> for a deployed run`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
