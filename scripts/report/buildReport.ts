import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ObjectStore, runKeys } from '@seisless/core';
import { collectRunData } from './collectRunData';
import { costLedger } from './costLedger';
import type { CrashRecovery } from './crashRecoveries';
import { drawFigures } from './drawFigures';
import { failedShots } from './failedShots';
import type { MeasuredUsage } from './ledgerTypes';
import { loadPriceTable } from './priceTable';
import { type Figure, renderHtml } from './renderHtml';
import { computeReport } from './reportFigures';
import type { RunReport } from './reportTypes';
import { runImageQuality } from './runImageQuality';

export interface BuildReportOptions {
  readonly store: ObjectStore;
  /** Puts one report file into the bucket. */
  readonly upload: (key: string, body: Uint8Array, contentType: string) => Promise<void>;
  readonly bucket: string;
  readonly runId: string;
  /** Local directory of this run's report, e.g. `.seisless/reports/<runId>`. */
  readonly outDir: string;
  readonly repoRoot: string;
  readonly slotVcpus: number | undefined;
  readonly invocations: Readonly<Record<string, number>> | undefined;
  /** Per reducer crash, the time to its chunk's next merge (crashRecoveries of the reducer's log). */
  readonly crashRecoveries?: readonly CrashRecovery[];
  /** The execution's wall-clock span (epoch ms), when known; else the run state's timestamps. */
  readonly startedAt?: number;
  readonly finishedAt?: number;
  /** What the cloud counted for the cost ledger (Batch attempts, Lambda durations, requests), when it can. */
  readonly usage?: MeasuredUsage;
}

export interface BuiltReport {
  readonly report: RunReport;
  readonly html: string;
  readonly json: string;
  readonly s3Url: string;
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html',
  json: 'application/json',
  png: 'image/png',
};

function pythonOf(repoRoot: string): string {
  const venv = join(repoRoot, '.venv', 'bin', 'python');
  return existsSync(venv) ? venv : 'python3';
}

/** Builds a run's report (report.json, PNG figures, index.html) locally and uploads it to `runs/{runId}/report/`. */
export async function buildReport(options: BuildReportOptions): Promise<BuiltReport> {
  const { store, runId, outDir } = options;
  const data = await collectRunData(store, runId);
  const qualityNotes: string[] = [];
  const quality = await runImageQuality(store, data).catch((error: Error) => {
    qualityNotes.push(`image quality not measured: ${error.message}`);
    return undefined;
  });
  const startedAt = options.startedAt ?? Date.parse(data.state.createdAt);
  const finishedAt = options.finishedAt ?? Date.parse(data.state.finishedAt ?? data.state.updatedAt);
  const base = computeReport({
    ...data,
    runId,
    startedAt,
    finishedAt,
    slotVcpus: options.slotVcpus,
    invocations: options.invocations,
    ...(options.crashRecoveries === undefined ? {} : { crashRecoveries: options.crashRecoveries }),
    ...(quality === undefined ? {} : { imageQuality: quality }),
  });
  await mkdir(outDir, { recursive: true });
  let figures: Figure[] = [];
  const notes = [...base.notes, ...qualityNotes, ...(quality?.notes ?? [])];
  try {
    const script = join(options.repoRoot, 'scripts', 'report', 'plot_report.py');
    figures = await drawFigures({
      store,
      data,
      outDir,
      python: pythonOf(options.repoRoot),
      script,
      ...(quality === undefined
        ? {}
        : { quality: { truth: quality.truth, perIteration: base.per_iteration } }),
    });
  } catch (error) {
    const detail =
      (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? (error as Error).message;
    notes.push(`figures not drawn: ${detail}`);
  }
  const listing = await store.list(`${runKeys(runId).root}/`);
  const ledger = costLedger({
    prices: loadPriceTable(options.repoRoot),
    compute: data.spec.compute,
    jobs: data.jobs,
    invocations: options.invocations,
    storedBytes: listing.reduce((n, o) => n + o.size, 0),
    runWallS: base.run_wall_s,
    ...(options.usage === undefined ? {} : { usage: options.usage }),
  });
  const report: RunReport = {
    ...base,
    ...failedShots(base.error),
    notes,
    cost_ledger: ledger,
    ...(options.usage === undefined ? {} : { measured_usage: options.usage }),
  };
  const html = join(outDir, 'index.html');
  const json = join(outDir, 'report.json');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderHtml(report, figures));
  for (const file of await readdir(outDir)) {
    const type = CONTENT_TYPES[file.split('.').pop() ?? ''];
    if (type === undefined) continue;
    await options.upload(runKeys(runId).report(file), await readFile(join(outDir, file)), type);
  }
  return { report, html, json, s3Url: `s3://${options.bucket}/${runKeys(runId).report('index.html')}` };
}
