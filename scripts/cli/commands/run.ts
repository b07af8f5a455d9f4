import { runKeys, SeislessError } from '@seisless/core';
import { defineCommand } from '../command';
import { executeRun } from '../executeRun';
import { onePositional } from '../parseCommandLine';
import { readSpecFile } from '../readSpecFile';
import { assertRunId, defaultRunId } from '../runId';
import { parseTarget, type Target, targetOptionDefinitions } from '../targetOptions';
import { UsageError } from '../usageError';

export interface RunOptions {
  readonly specPath: string;
  readonly runId: string | undefined;
  readonly target: Target;
  readonly json: boolean;
  readonly faults: unknown;
}

const usage = 'run <spec.json> [--run-id ID] [--aws --stage S [--region R]] [--json] [--faults JSON]';

function parseFaults(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--faults: not valid JSON (${(error as Error).message})`);
  }
}

export const runCommand = defineCommand<RunOptions>({
  name: 'run',
  usage,
  summary: 'validate a run spec, run it to the end (local cloud by default) and write its report',
  options: {
    ...targetOptionDefinitions,
    'run-id': { type: 'string' },
    json: { type: 'boolean', default: false },
    faults: { type: 'string' },
  },
  parse({ values, positionals }) {
    const target = parseTarget(values);
    const faults = parseFaults(values.faults as string | undefined);
    if (faults !== undefined && target.aws)
      throw new UsageError('--faults injects faults into the local cloud only; drop --aws');
    return {
      specPath: onePositional(positionals, 'the run spec file', usage),
      runId: values['run-id'] as string | undefined,
      target,
      json: values.json === true,
      faults,
    };
  },
  async run(options, deps) {
    const spec = await readSpecFile(options.specPath, deps.cwd);
    const runId =
      options.runId === undefined
        ? (spec.runId ?? defaultRunId(options.specPath, deps.now()))
        : assertRunId(options.runId, '--run-id');
    const session = await deps.connect(options.target, { faults: options.faults });
    try {
      if (await session.store.exists(runKeys(runId).state)) {
        throw new SeislessError(
          `run '${runId}' already exists; continue it with \`seisless resume ${runId}\` or choose another --run-id`,
        );
      }
      const input = { ...spec, runId };
      return await executeRun(
        session,
        { runId, input, spec: input, resume: false, json: options.json },
        deps,
      );
    } finally {
      await session.stop();
    }
  },
});
