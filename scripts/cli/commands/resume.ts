import { InputError, type RunState } from '@seisless/core';
import { defineCommand } from '../command';
import { executeRun } from '../executeRun';
import { faultsOptionDefinition, parseFaultsOption } from '../faultsOption';
import { loadRun } from '../loadRun';
import { onePositional } from '../parseCommandLine';
import { assertRunId } from '../runId';
import { runningExecution } from '../runningExecution';
import { parseTarget, type Target, targetOptionDefinitions } from '../targetOptions';

export interface ResumeOptions {
  readonly runId: string;
  readonly target: Target;
  readonly json: boolean;
  readonly faults: unknown;
}

const usage = 'resume <runId> [--aws --stage S [--region R]] [--json] [--faults JSON]';

export const resumeCommand = defineCommand<ResumeOptions>({
  name: 'resume',
  usage,
  summary: 'continue a stopped or failed run from its last completed iteration',
  options: {
    ...targetOptionDefinitions,
    json: { type: 'boolean', default: false },
    ...faultsOptionDefinition,
  },
  parse: ({ values, positionals }) => {
    const target = parseTarget(values);
    return {
      runId: assertRunId(onePositional(positionals, 'the run id', usage), 'runId'),
      target,
      json: values.json === true,
      faults: parseFaultsOption(values.faults, target),
    };
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
