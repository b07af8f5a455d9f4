import { join } from 'node:path';
import { s3BlobStore } from '@seisless/core';
import { type BuiltReport, buildReport } from '../report/buildReport';
import type { CrashRecovery } from '../report/crashRecoveries';
import type { MeasuredUsage } from '../report/ledgerTypes';
import type { CliDeps } from './deps';
import type { CloudSession, InvocationCounts } from './session';

/**
 * Builds a run's report under `.seisless/reports/<runId>/` and uploads it next to the run.
 * `invocations` are the Lambda invocations of this run, `crashRecoveries` its reducer crashes and
 * `usage` what the cloud counted for the cost ledger (runUsage.ts measureUsage), when the caller could tell.
 */
export function writeReport(
  session: CloudSession,
  runId: string,
  deps: CliDeps,
  run: {
    startedAt?: number;
    finishedAt?: number;
    invocations?: InvocationCounts;
    crashRecoveries?: readonly CrashRecovery[];
    usage?: MeasuredUsage;
  } = {},
): Promise<BuiltReport> {
  const blobs = s3BlobStore(session.s3);
  return buildReport({
    store: session.store,
    upload: (key, body, contentType) => blobs.put({ bucket: session.bucket, key }, body, { contentType }),
    bucket: session.bucket,
    runId,
    outDir: join(deps.dataDir, 'reports', runId),
    repoRoot: deps.repoRoot,
    slotVcpus: session.jobSlotVcpus(),
    invocations: run.invocations,
    ...(run.crashRecoveries === undefined ? {} : { crashRecoveries: run.crashRecoveries }),
    ...(run.usage === undefined ? {} : { usage: run.usage }),
    ...(run.startedAt === undefined ? {} : { startedAt: run.startedAt }),
    ...(run.finishedAt === undefined ? {} : { finishedAt: run.finishedAt }),
  });
}
