import { InputError, type RunState } from '@seisless/core';
import { defineCommand } from '../command';
import { executeRun } from '../executeRun';
import { faultsOptionDefinition, parseFaultsOption } from '../faultsOption';
import { loadRun } from '../loadRun';
import { parseRunIdArguments, type RunIdArguments, runIdOptionDefinitions } from '../runIdArguments';
import { runningExecution } from '../runningExecution';

export interface ResumeOptions extends RunIdArguments {
  readonly faults: unknown;
}

const usage = 'resume <runId> [--aws --stage S [--region R]] [--json] [--faults JSON]';

export const resumeCommand = defineCommand<ResumeOptions>({
  name: 'resume',
  usage,
  summary: 'continue a stopped or failed run from its last completed iteration',
  options: { ...runIdOptionDefinitions, ...faultsOptionDefinition },
  parse: (args) => {
    const run = parseRunIdArguments(args, usage);
    return { ...run, faults: parseFaultsOption(args.values.faults, run.target) };
  },
  async run(options, deps) {
    const session = await deps.connect(options.target, { faults: options.faults });
    try {
      const { state, spec } = await loadRun(session, options.runId);
      assertResumable(state);
      const running = await runningExecution(session, options.runId);
      if (running !== undefined) {
        throw new InputError(
          `run '${options.runId}' is still running (execution ${running.name}); wait for it, or stop it ` +
            `(aws stepfunctions stop-execution --execution-arn ${running.executionArn}) before resuming`,
        );
      }
      return await executeRun(
        session,
        { runId: options.runId, input: null, spec, resume: true, json: options.json },
        deps,
      );
    } finally {
      await session.stop();
    }
  },
});

/**
 * A run with every iteration done has nothing to resume: the state machine would start iteration
 * N + 1, fail, and record the finished run as failed.
 */
function assertResumable(state: RunState): void {
  if (state.completedIterations < state.iterations) return;
  throw new InputError(
    `run '${state.runId}' has already completed all ${state.iterations} iteration(s) (status ${state.status}); ` +
      `nothing to resume; \`seisless report ${state.runId}\` rebuilds its report`,
  );
}
