import { defineCommand } from '../command';
import { executeRun } from '../executeRun';
import { loadRun } from '../loadRun';
import { onePositional } from '../parseCommandLine';
import { assertRunId } from '../runId';
import { parseTarget, type Target, targetOptionDefinitions } from '../targetOptions';

export interface ResumeOptions {
  readonly runId: string;
  readonly target: Target;
  readonly json: boolean;
}

const usage = 'resume <runId> [--aws --stage S [--region R]] [--json]';

export const resumeCommand = defineCommand<ResumeOptions>({
  name: 'resume',
  usage,
  summary: 'continue a stopped or failed run from its last completed iteration',
  options: { ...targetOptionDefinitions, json: { type: 'boolean', default: false } },
  parse: ({ values, positionals }) => ({
    runId: assertRunId(onePositional(positionals, 'the run id', usage), 'runId'),
    target: parseTarget(values),
    json: values.json === true,
  }),
  async run(options, deps) {
    const session = await deps.connect(options.target);
    try {
      const { spec } = await loadRun(session, options.runId);
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
