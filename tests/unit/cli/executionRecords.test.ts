import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executionRecords } from '../../../scripts/cli/executionRecords';

describe('executionRecords', () => {
  it("keeps each run's last execution across sessions, and has none for a run never recorded", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'seisless-records-'));
    const failure = {
      state: 'StartRun',
      error: { Error: 'Lambda.AWSLambdaException', Cause: 'User: … denied' },
    };

    await executionRecords(dataDir).record('r1', { name: 'r1-1', status: 'FAILED', failure });
    await executionRecords(dataDir).record('r1', { name: 'r1-resume-2', status: 'FAILED', failure });

    expect(await executionRecords(dataDir).read('r1')).toEqual({
      name: 'r1-resume-2',
      status: 'FAILED',
      failure,
    });
    expect(await executionRecords(dataDir).read('r2')).toBeUndefined();
    expect(readdirSync(join(dataDir, 'executions'))).toEqual(['r1.json']);
  });
});
