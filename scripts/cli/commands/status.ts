import { defineCommand } from '../command';
import { failureLines, listedJobFailures, nextStep } from '../jobFailureAdvice';
import { loadRun } from '../loadRun';
import { formatProgress, type Progress, readProgress } from '../progress';
import { errorLine, type RecordedError } from '../runFailedError';
import { parseRunIdArguments, type RunIdArguments, runIdOptionDefinitions } from '../runIdArguments';

export type StatusOptions = RunIdArguments;

const usage = 'status <runId> [--aws --stage S [--region R]] [--json]';

function formatStatus(progress: Progress): string {
  const state = progress.state;
  if (state === undefined) return '';
  const lines = [
    `run ${state.runId}: ${state.status} (${state.algorithm}, ${state.completedIterations}/${state.iterations} iterations)`,
    `  created ${state.createdAt}, updated ${state.updatedAt}${state.finishedAt === undefined ? '' : `, finished ${state.finishedAt}`}`,
  ];
  state.objectives.forEach((value, i) => {
    lines.push(`  iteration ${i + 1}: objective ${value === null ? '–' : value.toExponential(4)}`);
  });
  for (const warning of state.warnings) lines.push(`  warning: ${warning}`);
  if (state.status === 'RUNNING') lines.push(`  now: ${formatProgress(progress)}`);
  if (state.error !== undefined)
    lines.push(...errorLines(state.error), `  ${nextStep(state.runId, state.error)}`);
  return `${lines.join('\n')}\n`;
}

/** The error line; for failed jobs, its summary and then one line per failed shot with its reason. */
function errorLines(error: RecordedError): string[] {
  const listed = listedJobFailures(error);
  if (listed.failures.length === 0) return [`  error: ${errorLine(error)}`];
  return [`  error: ${error.Error}: ${listed.summary}`, ...failureLines(listed).map((line) => `    ${line}`)];
}

export const statusCommand = defineCommand<StatusOptions>({
  name: 'status',
  usage,
  summary: "show a run's state, objectives and progress (and its error when it failed)",
  options: runIdOptionDefinitions,
  parse: (args) => parseRunIdArguments(args, usage),
  async run(options, deps) {
    const session = await deps.connect(options.target);
    try {
      const { spec } = await loadRun(session, options.runId);
      const progress = await readProgress(session, options.runId, spec);
      deps.stdout(options.json ? `${JSON.stringify(progress, null, 2)}\n` : formatStatus(progress));
      return 0;
    } finally {
      await session.stop();
    }
  },
});
