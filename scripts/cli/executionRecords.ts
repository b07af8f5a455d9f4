import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionFailure } from './executionFailure';

/** How a run's last execution ended, as ListExecutions and GetExecutionHistory would tell it. */
export interface RecordedExecution {
  readonly name: string;
  readonly status: string;
  readonly failure?: ExecutionFailure;
}

/**
 * Records of each run's last execution in `<dataDir>/executions/<runId>.json`. The local cloud's
 * executions end with it (AWS keeps them 90 days), so a later `seisless status` of a run that
 * failed before writing its state reads why here.
 */
export function executionRecords(dataDir: string) {
  const dir = join(dataDir, 'executions');
  const file = (runId: string) => join(dir, `${runId}.json`);
  return {
    async record(runId: string, execution: RecordedExecution): Promise<void> {
      await mkdir(dir, { recursive: true });
      const temporary = `${file(runId)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(execution, null, 2));
      await rename(temporary, file(runId));
    },
    async read(runId: string): Promise<RecordedExecution | undefined> {
      try {
        return JSON.parse(await readFile(file(runId), 'utf8')) as RecordedExecution;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}
