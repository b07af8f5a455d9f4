import { runKeys } from '@seisless/core';
import type { RunReport } from '../../report/reportTypes';
import { defineCommand } from '../command';
import { explainMissingState } from '../loadRun';
import { parseRunIdArguments, type RunIdArguments, runIdOptionDefinitions } from '../runIdArguments';
import { writeReport } from '../writeReport';

export type ReportOptions = RunIdArguments;

const usage = 'report <runId> [--aws --stage S [--region R]] [--json]';

export const reportCommand = defineCommand<ReportOptions>({
  name: 'report',
  usage,
  summary: "(re)build a run's report: HTML, PNG figures and report.json, locally and in S3",
  options: runIdOptionDefinitions,
  parse: (args) => parseRunIdArguments(args, usage),
  async run(options, deps) {
    const session = await deps.connect(options.target);
    try {
      if (!(await session.store.exists(runKeys(options.runId).state))) {
        // A run that failed before writing its state: say why instead of "not found".
        await explainMissingState(session, options.runId);
      }
      // Invocation counts, crash rows and measured usage exist only while the run's own session lasts; keep those
      // of the last report.
      const previous = await session.store.getJsonOrUndefined<RunReport>(
        runKeys(options.runId).report('report.json'),
      );
      const invocations = previous?.lambda_invocations ?? undefined;
      const crashRecoveries = previous?.crash_recoveries ?? undefined;
      const usage = previous?.measured_usage;
      const built = await writeReport(session, options.runId, deps, {
        ...(invocations === undefined ? {} : { invocations }),
        ...(crashRecoveries === undefined ? {} : { crashRecoveries }),
        ...(usage === undefined ? {} : { usage }),
      });
      if (options.json) {
        deps.stdout(
          `${JSON.stringify({ html: built.html, json: built.json, s3: built.s3Url, report: built.report }, null, 2)}\n`,
        );
      } else {
        const r = built.report;
        deps.stdout(
          [
            `run ${r.runId}: ${r.status}, ${r.completed_iterations}/${r.iterations} iterations in ${r.run_wall_s} s`,
            `  pipeline efficiency ${r.pipeline_efficiency ?? '–'}, reducer invocations per gradient ${r.reducer_invocations_per_gradient ?? '–'}`,
            `report: ${built.html}`,
            `        ${built.s3Url}`,
            '',
          ].join('\n'),
        );
      }
      return 0;
    } finally {
      await session.stop();
    }
  },
});
