import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runKeys } from '@seisless/core';
import { bucketName } from './session';

/**
 * Whether the local cloud's data folder holds any trace of a run, read from disk without starting
 * the cloud: an object under the run's prefix (its S3 keeps `<dataDir>/s3/<bucket>/<key>…`), or
 * the record of its last execution (`<dataDir>/executions/<runId>.json`, executionRecords.ts).
 */
export function hasLocalRunTrace(dataDir: string, stage: string, runId: string): boolean {
  const runFolder = join(dataDir, 's3', bucketName(stage), runKeys(runId).root);
  return existsSync(runFolder) || existsSync(join(dataDir, 'executions', `${runId}.json`));
}
